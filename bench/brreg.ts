/**
 * Brreg import benchmark: a generated bulk file in Enhetsregisteret's format
 * (gzipped JSON array of "enhet" objects, 1.1 M records at scale 1), imported
 * by the real CLI (`samspill import brreg <file> --all`, with the Node flags of
 * `npm run samspill`) into a fresh PGlite folder or PostgreSQL database, in a
 * child process whose wall time and peak RSS are measured.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { createGzip } from "node:zlib";
import kommunerJson from "~/db/reference/kommuner.json";
import { mulberry32, orgNumberFrom, pick } from "./generate.ts";
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

/**
 * Node's flags for the CLI, as `npm run samspill` gives them (package.json): a small young
 * generation. Node 24's default lets it grow to ≈ 100 MB+ while the app's ESM modules load
 * (drizzle-orm alone: 173 MB peak RSS with the default, 122 MB with 1 MB semi-spaces), which
 * then stays the process's peak; the import itself runs as fast with 4 MB.
 */
export const CLI_NODE_FLAGS = ["--max-semi-space-size=4"];

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
  const dataDir = path.join(BENCH_DIR, "brreg-pglite");
  rmSync(dataDir, { recursive: true, force: true });
  const env = { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? "", SESSION_SECRET, NODE_ENV: "production", PGLITE_SHARED_BUFFERS: "" };
  const prepare = await measured(["bench/prepare-pglite.ts", dataDir], env);
  if (prepare.code !== 0) throw new Error("preparing the PGlite folder failed");
  const r = await measured(["bin/samspill.ts", "import", "brreg", file, "--all"], env, CLI_NODE_FLAGS);
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
