/** A tiny static file server for the throughput baseline: node bench/static-server.ts <dir> <port>. */
import express from "express";

const [dir, port] = process.argv.slice(2);
const app = express();
app.disable("x-powered-by");
app.use(express.static(dir!));
app.listen(Number(port), "127.0.0.1", () => console.log(`static on ${port}`));
process.on("SIGTERM", () => process.exit(0));
