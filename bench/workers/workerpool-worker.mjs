// workerpool needs its worker script to register the task functions itself.
import workerpool from "workerpool";
import { add, fib } from "./tasks.mjs";

workerpool.worker({ add, fib });
