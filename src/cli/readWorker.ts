/**
 * A thread that reads incident files for countFiles.ts: given the plan once
 * (workerData) and then one file at a time, it posts the file's progress
 * and then its count, the records' buffers moved rather than copied.
 */
import { parentPort, workerData } from "worker_threads";
import { partBuffers } from "../core/incidents/cubePart";
import { countFile, type CountPlan, type FileTask } from "./countFile";

const plan = workerData as CountPlan;
const port = parentPort!;

/** At most one progress message per this many bytes of a file. */
const PROGRESS_BYTES = 4 * 1024 * 1024;

port.on("message", (task: FileTask) => {
  let sent = 0;
  void countFile(task, plan, (bytes, rows) => {
    if (bytes - sent < PROGRESS_BYTES) return;
    sent = bytes;
    port.postMessage({ type: "progress", index: task.index, bytes, rows });
  }).then((count) => {
    port.postMessage({ type: "done", count }, count.part ? partBuffers(count.part) : []);
  });
});
