/**
 * Brreg import benchmark: a generated bulk file in Enhetsregisteret's format
 * (gzipped JSON array of "enhet" objects, 1.1 M records at scale 1), imported
 * by the real CLI (`samspill import brreg <file> --all`, with the Node flags of
 * `npm run samspill`) into a fresh PGlite folder or PostgreSQL database, in a
 * child process whose wall time and peak RSS are measured.
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, type WriteStream } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import kommunerJson from "~/db/reference/kommuner.json";
import { mulberry32, orgNumberFrom, pick } from "./generate.ts";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { BENCH_DIR, SESSION_SECRET, sleep } from "./lib.ts";

export const NATIONAL_BRREG_RECORDS = 1_100_000;

const forms = [
  { kode: "FLI", beskrivelse: "Forening/lag/innretning", w: 30 },
  { kode: "AS", beskrivelse: "Aksjeselskap", w: 35 },
  { kode: "ENK", beskrivelse: "Enkeltpersonforetak", w: 22 },
  { kode: "STI", beskrivelse: "Stiftelse", w: 4 },
  { kode: "SA", beskrivelse: "Samvirkeforetak", w: 2 },
  { kode: "ORGL", beskrivelse: "Organisasjonsledd", w: 5 },
  { kode: "NUF", beskrivelse: "Norskregistrert utenlandsk foretak", w: 2 },
];
const formList = forms.flatMap((f) => Array<typeof f>(f.w).fill(f));
const nameParts = ["Nordlys", "Fjord", "Bjørk", "Solsiden", "Granly", "Havblikk", "Lia", "Elvebakken", "Sentrum", "Vestheim", "Øvre", "Nedre"];
const suffix: Record<string, string[]> = {
  FLI: ["IDRETTSLAG", "VELFORENING", "SANITETSFORENING", "KOR", "FORELDRELAG", "INTERNASJONALE FORENING", "SPRÅKKAFÉ", "VENNEFORENING"],
  AS: ["BYGG AS", "EIENDOM AS", "RØR AS", "TRANSPORT AS", "HOLDING AS", "RENHOLD AS"],
  ENK: ["REGNSKAP", "FRISØR", "SNEKKERI", "KONSULENT", "TAXI"],
  STI: ["STIFTELSEN"],
  SA: ["SAMVIRKELAG SA"],
  ORGL: ["LOKALLAG"],
  NUF: ["NORWAY BRANCH NUF"],
};

/** Writes the file unless it already exists for this seed and count (file name carries both). */
export async function generateBrregFile(seed: number, count: number): Promise<{ file: string; seconds: number; reused: boolean; mb: number }> {
  const file = path.join(BENCH_DIR, `brreg-${seed}-${count}.json.gz`);
  if (existsSync(file)) return { file, seconds: 0, reused: true, mb: statSync(file).size / 1e6 };
  const started = performance.now();
  const rng = mulberry32(seed ^ 0xb7e6);
  const kommuner = kommunerJson as { k_id: string; k_name: string; k_adm_center?: string }[];
  const tmp = `${file}.part`;
  const gzip = createGzip({ level: 1 });
  const out = createWriteStream(tmp);
  gzip.pipe(out);
  const write = async (s: string) => {
    if (!gzip.write(s)) await once(gzip, "drain");
  };
  await write("[\n");
  let base = 90_000_000;
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    base += 1 + Math.floor(rng() * 3);
    let orgnr = orgNumberFrom(base);
    // About 1 in 11 bases has no valid check digit: write a wrong one so the import has rejects to count.
    if (!orgnr) orgnr = String(base).padStart(8, "0") + "0";
    const form = pick(rng, formList);
    const k = pick(rng, kommuner);
    const name = `${pick(rng, nameParts).toUpperCase()} ${pick(rng, suffix[form.kode]!)}${rng() < 0.5 ? ` ${i}` : ""}`;
    const place = (k.k_adm_center ?? k.k_name).toUpperCase();
    const postnr = String(1000 + Math.floor(rng() * 8999));
    const address = {
      land: "Norge",
      landkode: "NO",
      postnummer: postnr,
      poststed: place,
      adresse: [`${pick(rng, nameParts)}veien ${1 + Math.floor(rng() * 120)}`],
      kommune: k.k_name.toUpperCase(),
      kommunenummer: k.k_id,
    };
    const frivillig = form.kode === "FLI" && rng() < 0.5;
    const rec: Record<string, unknown> = {
      organisasjonsnummer: orgnr,
      navn: name,
      organisasjonsform: {
        kode: form.kode,
        beskrivelse: form.beskrivelse,
        _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/${form.kode}` } },
      },
      ...(rng() < 0.3 ? { hjemmeside: `www.enhet${i}.no` } : {}),
      ...(rng() < 0.4 ? { epostadresse: `post@enhet${i}.no` } : {}),
      ...(rng() < 0.5 ? { postadresse: address } : {}),
      registreringsdatoEnhetsregisteret: `20${String(Math.floor(rng() * 24)).padStart(2, "0")}-0${1 + Math.floor(rng() * 9)}-1${Math.floor(rng() * 9)}`,
      registrertIMvaregisteret: form.kode === "AS",
      naeringskode1: { kode: "94.991", beskrivelse: "Aktiviteter i andre interesseorganisasjoner ikke nevnt annet sted" },
      harRegistrertAntallAnsatte: form.kode === "AS",
      ...(form.kode === "AS" ? { antallAnsatte: Math.floor(rng() * 40) } : {}),
      forretningsadresse: address,
      institusjonellSektorkode: {
        kode: form.kode === "FLI" ? "7000" : "2100",
        beskrivelse: form.kode === "FLI" ? "Ideelle organisasjoner" : "Private aksjeselskaper mv.",
      },
      registrertIForetaksregisteret: form.kode === "AS",
      registrertIStiftelsesregisteret: form.kode === "STI",
      registrertIFrivillighetsregisteret: frivillig,
      ...(frivillig ? { registreringsdatoFrivillighetsregisteret: "2017-05-04" } : {}),
      konkurs: rng() < 0.005,
      underAvvikling: rng() < 0.01,
      underTvangsavviklingEllerTvangsopplosning: false,
      maalform: rng() < 0.1 ? "Nynorsk" : "Bokmål",
      ...(rng() < 0.01 ? { slettedato: "2024-02-01" } : {}),
      _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}` } },
    };
    chunk.push(JSON.stringify(rec));
    if (chunk.length === 2000 || i === count - 1) {
      await write(chunk.join(",\n") + (i === count - 1 ? "\n" : ",\n"));
      chunk = [];
    }
  }
  await write("]\n");
  gzip.end();
  await once(out, "finish");
  renameSync(tmp, file);
  return { file, seconds: (performance.now() - started) / 1000, reused: false, mb: statSync(file).size / 1e6 };
}

/** The order of the records in a generated file: by org number (as Brreg's download is) or shuffled. */
export type BrregOrder = "sorted" | "random";

async function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/**
 * The same records as `generateBrregFile(seed, count)`, in an order shuffled with the seeded
 * generator (uniform: each record goes to one of 32 buckets at random, each bucket is then
 * Fisher–Yates shuffled), cached as `brreg-<seed>-<count>-random.json.gz`. The buckets are plain
 * files, so memory stays at one bucket (≈ 1/32 of the unzipped file) whatever the count.
 */
export async function generateRandomBrregFile(seed: number, count: number): Promise<{ file: string; seconds: number; reused: boolean; mb: number }> {
  const file = path.join(BENCH_DIR, `brreg-${seed}-${count}-random.json.gz`);
  if (existsSync(file)) return { file, seconds: 0, reused: true, mb: statSync(file).size / 1e6 };
  const sorted = await generateBrregFile(seed, count);
  const started = performance.now();
  const rng = mulberry32(seed ^ 0x5eed);
  const bucketDir = `${file}.buckets`;
  rmSync(bucketDir, { recursive: true, force: true });
  mkdirSync(bucketDir, { recursive: true });
  const BUCKETS = 32;
  const buckets: WriteStream[] = Array.from({ length: BUCKETS }, (_, b) => createWriteStream(path.join(bucketDir, `${b}.jsonl`)));
  // The sorted file has one record per line (see generateBrregFile): "[", then records ending in ",", then "]".
  const lines = createInterface({ input: createReadStream(sorted.file).pipe(createGunzip()), crlfDelay: Infinity });
  let records = 0;
  for await (const line of lines) {
    if (line === "[" || line === "]" || line === "") continue;
    const record = line.endsWith(",") ? line.slice(0, -1) : line;
    await writeAll(buckets[Math.floor(rng() * BUCKETS)]!, record + "\n");
    records++;
  }
  await Promise.all(buckets.map((b) => new Promise((resolve) => b.end(resolve))));
  if (records !== count) throw new Error(`${sorted.file} holds ${records} records, not ${count}`);
  const tmp = `${file}.part`;
  const gzip = createGzip({ level: 1 });
  const out = createWriteStream(tmp);
  gzip.pipe(out);
  await writeAll(gzip, "[\n");
  let written = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const bucket = readFileSync(path.join(bucketDir, `${b}.jsonl`), "utf8").split("\n");
    bucket.pop(); // after the last newline
    for (let i = bucket.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [bucket[i], bucket[j]] = [bucket[j]!, bucket[i]!];
    }
    for (let i = 0; i < bucket.length; i += 2000) {
      const part = bucket.slice(i, i + 2000);
      written += part.length;
      await writeAll(gzip, part.join(",\n") + (written === count ? "\n" : ",\n"));
    }
  }
  await writeAll(gzip, "]\n");
  gzip.end();
  await once(out, "finish");
  rmSync(bucketDir, { recursive: true, force: true });
  renameSync(tmp, file);
  return { file, seconds: (performance.now() - started) / 1000, reused: false, mb: statSync(file).size / 1e6 };
}

/** The file for this order, generated unless cached. */
export function brregFile(seed: number, count: number, order: BrregOrder) {
  return order === "random" ? generateRandomBrregFile(seed, count) : generateBrregFile(seed, count);
}

/**
 * Node's flags of package.json's `samspill` script, so the bench runs exactly what an operator runs:
 * a small young generation and a compact heap, and a WebAssembly tiering budget that keeps PGlite's
 * SQL grammar on V8's baseline compiler (see `prepareOnPglite`).
 */
export function cliNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  const script = scripts.samspill ?? "";
  const match = /^node ((?:--[\w-]+(?:=\S+)? )*)--import tsx bin\/samspill\.ts$/.exec(script);
  if (!match) throw new Error(`package.json's "samspill" script is not "node [flags] --import tsx bin/samspill.ts": ${script}`);
  return match[1]!.trim().split(" ").filter(Boolean);
}

/** Runs a Node child (node --import tsx …) under /usr/bin/time -v (else polling VmHWM): wall time, peak RSS, output. */
async function measured(args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []) {
  const useTime = existsSync("/usr/bin/time");
  const started = performance.now();
  const child = useTime
    ? spawn("/usr/bin/time", ["-v", process.execPath, ...nodeFlags, "--import", "tsx", ...args], { env, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(process.execPath, [...nodeFlags, "--import", "tsx", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  let polledKB = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) polledKB = Math.max(polledKB, Number(m[1]));
    } catch {
      /* exited */
    }
  }, 200);
  const [code] = (await once(child, "exit")) as [number];
  clearInterval(poll);
  await sleep(50);
  const seconds = (performance.now() - started) / 1000;
  const timeKB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  if (code !== 0) process.stderr.write(stderr.slice(-3000));
  return { code, seconds, peakRssMB: (timeKB || polledKB) / 1024, stdout };
}

export interface BrregImportResult {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMB: number;
  exitCode: number;
  summary: string;
  prepare: { seconds: number; peakRssMB: number };
}

/**
 * A fresh PGlite folder (initdb, migrations, reference data: one child), then
 * the real CLI import into it (another child, the one measured).
 */
export async function runBrregImport(file: string, records: number, databaseUrl?: string): Promise<BrregImportResult> {
  // Per process, so two bench runs on one machine do not share (and wipe) one folder.
  const dataDir = path.join(BENCH_DIR, `brreg-pglite-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const env = { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? "", SESSION_SECRET, NODE_ENV: "production", PGLITE_SHARED_BUFFERS: "" };
  const prepare = await measured(["bench/prepare-pglite.ts", dataDir], env);
  if (prepare.code !== 0) throw new Error("preparing the PGlite folder failed");
  const r = await measured(["bin/samspill.ts", "import", "brreg", file, "--all"], env, cliNodeFlags());
  rmSync(dataDir, { recursive: true, force: true });
  // The summary lists every rejected record: keep the totals.
  const summary = r.stdout
    .trim()
    .split("\n")
    .filter((l) => !/^\s+#\d+/.test(l))
    .join("\n");
  return {
    records,
    seconds: r.seconds,
    recordsPerSecond: records / r.seconds,
    peakRssMB: r.peakRssMB,
    exitCode: r.code,
    summary,
    prepare: { seconds: prepare.seconds, peakRssMB: prepare.peakRssMB },
  };
}

/**
 * Standalone, PGlite only (the whole bench: `npm run bench -- --only brreg`): imports each order in
 * turn, `--runs` times, alternating, with the load average before each run.
 * `npx tsx bench/brreg.ts --scale 0.1 --orders sorted,random --runs 3`
 */
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "0.1" },
      seed: { type: "string", default: "20240101" },
      orders: { type: "string", default: "sorted,random" },
      runs: { type: "string", default: "1" },
    },
  });
  const count = Math.round(NATIONAL_BRREG_RECORDS * Number(values.scale));
  const orders = values.orders.split(",") as BrregOrder[];
  const { loadavg } = await import("node:os");
  for (let run = 1; run <= Number(values.runs); run++) {
    for (const order of orders) {
      const file = await brregFile(Number(values.seed), count, order);
      const load = loadavg()
        .map((l) => l.toFixed(1))
        .join(" ");
      const r = await runBrregImport(file.file, count);
      const after = loadavg()[0]!.toFixed(1);
      console.log(
        `run ${run} ${order.padEnd(6)} npm run samspill ${count} records: exit ${r.exitCode}, ${r.seconds.toFixed(1)} s, ${Math.round(r.recordsPerSecond)} records/s, peak RSS ${Math.round(r.peakRssMB)} MB (load ${load} before, ${after} after)`,
      );
      if (r.exitCode !== 0 || run === 1) console.log(r.summary);
    }
  }
}
