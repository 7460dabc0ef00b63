import { parentPort, workerData } from "node:worker_threads";
import { BrregReadError, emptyReadCounts, readBatches, type ReadOptions } from "./brreg-read.ts";
import type { WorkerInput, WorkerMessage } from "./brreg-read-worker.ts";

/**
 * Reads the Brreg file in a worker thread for `readBatchesInWorker`: each full batch is posted as
 * JSON with the counts so far, then the thread waits until the importer asks for more (it asks as
 * soon as it starts writing a batch), so at most one batch is read ahead of the one being written.
 */
const input = workerData as WorkerInput;
const port = parentPort!;
const options: ReadOptions = { ...input.options, knownMunicipalities: new Set(input.knownMunicipalities) };
const counts = emptyReadCounts();
const progress = { bytesRead: 0 };
const post = (message: WorkerMessage) => port.postMessage(message);
const asked = () => new Promise<void>((resolve) => port.once("message", () => resolve()));

try {
  const onChunk = () => post({ kind: "progress", counts, bytesRead: progress.bytesRead });
  for await (const batch of readBatches(input.filePath, options, counts, progress, onChunk)) {
    post({ kind: "batch", batch, counts, bytesRead: progress.bytesRead });
    await asked();
  }
  post({ kind: "end", counts, bytesRead: progress.bytesRead });
} catch (error) {
  // A file that cannot be read is the user's to fix; anything else is a bug, reported as such.
  const message = error instanceof BrregReadError ? error.message : `Reading the file failed: ${error instanceof Error ? error.message : String(error)}`;
  post({ kind: "error", message, counts, bytesRead: progress.bytesRead });
}
// Nothing listens any more, so the thread ends by itself once its last message is sent.
