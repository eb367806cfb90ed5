/** A LIFO store with the queue store's method names: `shift` takes the newest item. */
export class Stack<T> {
  private readonly items: T[] = [];

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T {
    return this.items.pop() as T;
  }

  clear(): void {
    this.items.length = 0;
  }
}
