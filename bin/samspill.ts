/**
 * Samspill's command line for operators: `npm run samspill -- <command>`.
 * Run through tsx (`npm run samspill`), because the app code it calls imports
 * with the `~` alias. Each command is one entry in `commands`, so later ones
 * (export, backup, create admin) slot in beside `import brreg`.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { getEnv } from "~/env.server.ts";
import { openDatabase, setDatabase, type DatabaseHandle } from "~/db/client.server.ts";
import { loadReferenceData } from "~/domain/reference/reference.server.ts";
import {
  BrregImportError,
  importBrregFile,
  NATIONAL_IMPORT,
  type BrregImportProgress,
  type BrregImportSummary,
} from "~/domain/organizations/brreg-import.server.ts";

/** A wrong invocation: the message, then the command's help, exit code 1. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

const MAIN_HELP = `Usage: npm run samspill -- <command> [options]

Commands:
  import brreg <file>   Import organisations from Enhetsregisteret's bulk file (Brønnøysund)
  import bosetting <file.csv>  Import settlement figures (kommunenummer;år;anmodning;vedtak;bosatt)
  events reminders      E-mail tomorrow's event participants their reminder (run hourly; each is sent once)
  workshops reminders   E-mail tomorrow's workshop session participants their reminder (run hourly; each session once)
  workshops action-reminders  E-mail action owners' contacts before a deadline and when overdue (run daily; each once)
  workshops digest      E-mail each kommune's coordinators the weekly digest of its workshops' action plans
  placements reminders  E-mail follow-up contacts about placement check-ins due within 2 days and overdue (run daily; each once)
  volunteers reminders  E-mail organisations about volunteers' interests unanswered for 14 days, and tell the volunteer who to contact (run daily; each once)
  volunteers retention  Delete volunteers' interests and profiles past their retention time (VOLUNTEER_RETENTION_MONTHS; run daily)
  needs reminders       Ask the owner of each open need whose deadline has passed to close or extend it (run daily; once per deadline)
  backup <file>         Write the whole database to a file (PGlite or PostgreSQL; checksums per table)
  restore <file>        Load a backup into the database (--replace to replace what it holds)

Options:
  -h, --help            Show help (also after a command: samspill import brreg --help)

The database is the server's: DATABASE_URL (PostgreSQL) or PGLITE_DATA_DIR, read
from the environment, else .env, else .env.example. Migrations run first.`;

const BRREG_HELP = `Usage: npm run samspill -- import brreg <file> [options]

Reads Enhetsregisteret's bulk download (https://data.brreg.no/enhetsregisteret/api/enheter/lastned):
a JSON array of "enhet" objects, gzipped or plain (detected from the file's first bytes).
The file is streamed, never read whole into memory.

Which units are kept:
  A unit is kept when it is in Frivillighetsregisteret OR its organisasjonsform is one of --form,
  AND, when --kommune is given, its kommune (forretningsadresse, else postadresse) is one of --kommune.
  --all keeps every valid unit and ignores the other filters.

Options:
  --kommune <numbers>   Comma-separated kommune numbers, e.g. 3403,3905
  --form <codes>        Comma-separated organisasjonsform codes to add, e.g. FLI,STI
  --all                 Keep every unit
  --dry-run             Count what would be inserted/updated, then roll back: writes nothing
  --batch-size <n>      Rows per batch, written in one statement (default 1000)
  -h, --help            Show this help

Behaviour:
  Units are upserted by organisation number; a second run with the same file changes nothing.
  Deleted, bankrupt or dissolving units are stored as inactive. Organisations registered by hand
  (source "manual") keep their name, kind, contact details and kommuner; only the register fields
  (address, Frivillighetsregisteret, active, organisasjonsform) are updated.
  Invalid records (bad organisation number, no name, wrong field types) are reported and skipped.
  A file that breaks off (truncated download, broken JSON) stops the run with exit code 1: batches
  committed before the error stay, the batch in hand is rolled back, and re-running is safe.
  Memory stays flat whatever the file's size: one batch in hand, counts, the first rejected records.
  With PGlite (no DATABASE_URL) the import runs with shared_buffers=32MB unless PGLITE_SHARED_BUFFERS
  is set; stop the server first (a PGlite folder can only be opened by one process). There, the first
  load into a register of at most 10,000 organisations is one bulk load: a single transaction with the
  name indexes built at its end (faster), so a file that breaks off writes nothing at all.
  The whole register (1.1 M units) takes ≈ 2 min and under 300 MB on PGlite.

Exit codes: 0 done, 1 fatal error or bad arguments.`;

const SETTLEMENT_HELP = `Usage: npm run samspill -- import bosetting <file.csv> [--dry-run]

Reads settlement figures per kommune and year: a header row, then
  kommunenummer;år;anmodning;vedtak;bosatt[;introduksjonsprogram]
(";" or "," detected from the header; UTF-8 with or without BOM; at most 1 MB).
An empty cell means "not reported". Valid lines are upserted per kommune and year;
rejected lines (unknown kommune, bad year, negative number, not a number, wrong
column count, duplicate line) are listed with their line number. Same rules as
the web import at /admin/bosetting/import.

Options:
  --dry-run   Check and report, write nothing
  -h, --help  Show this help

Exit codes: 0 done (even with rejected lines), 1 the file could not be read as such a CSV.`;

async function importSettlement(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "dry-run": { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    console.log(SETTLEMENT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("Give exactly one CSV file to import.", SETTLEMENT_HELP);
  const file = positionals[0]!;
  if (!existsSync(file)) {
    console.error(`File not found: ${file}`);
    return 1;
  }
  const { readFile } = await import("node:fs/promises");
  const { importSettlementCsvAsOperator } = await import("~/domain/settlement/settlement.server.ts");
  const { AppError } = await import("~/lib/errors.ts");
  const { getTranslator } = await import("~/i18n/translate.ts");
  const t = getTranslator("en");
  return withDatabase(async () => {
    try {
      const report = await importSettlementCsvAsOperator(new Uint8Array(await readFile(file)), { dryRun: values["dry-run"] });
      console.log(report.dryRun ? "Settlement import (dry run: nothing was written)" : "Settlement import");
      console.log(`  data lines  ${report.dataLines}`);
      console.log(`  valid       ${report.rows.length}`);
      if (!report.dryRun) console.log(`  inserted    ${report.inserted}\n  updated     ${report.updated}\n  unchanged   ${report.unchanged}`);
      console.log(`  rejected    ${report.rejected.length}`);
      for (const r of report.rejected) console.log(`    line ${r.line}: ${t(`settlement.import.reason.${r.reason}`)}  ${JSON.stringify(r.text)}`);
      return 0;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const key = error.fieldErrors.file?.key ?? error.messageKey;
      console.error(`Error: ${t(key as Parameters<typeof t>[0])} Nothing was written.`);
      return 1;
    }
  });
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
}

/**
 * One progress line on stderr: redrawn at most every 200 ms on a terminal;
 * in a log (not a TTY) one line per 10 % of the file instead.
 */
function createProgressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  let lastDraw = 0;
  let lastTenth = -1;
  const render = (p: BrregImportProgress) => {
    const elapsed = performance.now() - started;
    const fraction = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
    const rate = elapsed > 0 ? Math.round((p.records * 1000) / elapsed) : 0;
    const eta = fraction > 0 ? formatDuration((elapsed * (1 - fraction)) / fraction) : "?";
    const width = 24;
    const bar = "#".repeat(Math.round(fraction * width)).padEnd(width, "-");
    return `[${bar}] ${(fraction * 100).toFixed(1)}%  ${p.records.toLocaleString("en")} records  ${rate.toLocaleString("en")}/s  ETA ${eta}`;
  };
  return {
    update(p: BrregImportProgress) {
      if (stream.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 200) return;
        lastDraw = now;
        stream.write(`\r${render(p)}\x1b[K`);
      } else {
        const tenth = p.totalBytes > 0 ? Math.floor((p.bytesRead / p.totalBytes) * 10) : 0;
        if (tenth <= lastTenth) return;
        lastTenth = tenth;
        stream.write(`${render(p)}\n`);
      }
    },
    done() {
      if (stream.isTTY && lastDraw > 0) stream.write("\n");
    },
  };
}

function formatSummary(s: BrregImportSummary): string {
  const n = (v: number) => v.toLocaleString("en");
  const lines = [
    s.dryRun ? "Brreg import (dry run: nothing was written)" : "Brreg import",
    `  read              ${n(s.read)}`,
    `  kept by filters   ${n(s.kept)}`,
    `  inserted          ${n(s.inserted)}`,
    `  updated           ${n(s.updated)}`,
    `  unchanged         ${n(s.unchanged)}`,
    `  skipped (filters) ${n(s.skipped)}`,
    `  duplicate in file ${n(s.duplicatesInFile)} (the later record wins)`,
    `  rejected          ${n(s.rejected)}`,
  ];
  for (const [reason, count] of Object.entries(s.rejectedByReason)) lines.push(`    ${reason}: ${n(count)}`);
  lines.push(`  inactive          ${n(s.inactive)} (deleted, bankrupt or being wound up)`);
  lines.push(`  batches committed ${n(s.committedBatches)}${s.bulkLoad ? " (one bulk load: a single transaction, the name indexes built at its end)" : ""}`);
  lines.push(`  duration          ${formatDuration(s.durationMs)} (${n(s.recordsPerSecond)} records/s)`);
  if (s.rejectedExamples.length) {
    lines.push(`  first rejected records:`);
    for (const r of s.rejectedExamples) lines.push(`    #${r.index} ${r.orgNumber ?? "(no org number)"}: ${r.reason}`);
  }
  return lines.join("\n");
}

/** Opens the server's database (running migrations) with reference data, runs `work`, closes it. */
async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>, options: { pgliteSharedBuffers?: string } = {}): Promise<T> {
  const env = getEnv();
  const handle: DatabaseHandle = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR, ...options });
  setDatabase(handle);
  try {
    await loadReferenceData();
    return await work(handle);
  } finally {
    setDatabase(undefined);
    await handle.close();
  }
}

/**
 * PGlite's shared_buffers for a Brreg import, unless PGLITE_SHARED_BUFFERS says otherwise: the
 * import streams through the table once, so a big cache buys little (≈ 10 % CPU at 1.1 M
 * records) while every buffer is resident memory (128MB, PostgreSQL's default, costs ≈ 100 MB
 * more peak RSS). The CLI has the PGlite folder to itself, so this does not touch the server's.
 */
const IMPORT_SHARED_BUFFERS = "32MB";

async function importBrreg(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kommune: { type: "string" },
      form: { type: "string" },
      all: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      "batch-size": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(BRREG_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("Give exactly one file to import.", BRREG_HELP);
  const municipalities = splitList(values.kommune);
  if (municipalities?.some((k) => !/^\d{4}$/.test(k))) {
    throw new UsageError("--kommune takes four-digit kommune numbers separated by commas, e.g. 3403,3905.", BRREG_HELP);
  }
  const forms = splitList(values.form)?.map((f) => f.toUpperCase());
  if (forms?.some((f) => !/^[A-Z]{1,6}$/.test(f))) {
    throw new UsageError("--form takes organisasjonsform codes separated by commas, e.g. FLI,STI.", BRREG_HELP);
  }
  const batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)) {
    throw new UsageError("--batch-size must be a whole number from 1 to 10000.", BRREG_HELP);
  }
  const file = positionals[0]!;
  if (!existsSync(file)) {
    console.error(`File not found: ${file}`);
    return 1;
  }

  return withDatabase(
    async (handle) => {
      const progress = createProgressReporter();
      try {
        const summary = await importBrregFile(file, {
          // An operator on the server's command line: every organisation, as a national admin.
          scope: NATIONAL_IMPORT,
          municipalities,
          forms,
          all: values.all,
          dryRun: values["dry-run"],
          // No other process can open a PGlite folder while the CLI has it: a first load may be one bulk load.
          exclusiveDatabase: handle.driver === "pglite",
          batchSize,
          onProgress: progress.update,
        });
        progress.done();
        console.log(formatSummary(summary));
        return 0;
      } catch (error) {
        progress.done();
        if (!(error instanceof BrregImportError)) throw error;
        console.error(`Error: ${error.message}`);
        console.log(formatSummary(error.summary));
        console.error(
          error.summary.committedBatches > 0
            ? `${error.summary.committedBatches} batch(es) committed before the error stay; the batch in hand was rolled back. Re-running with a complete file is safe.`
            : "Nothing was written.",
        );
        return 1;
      }
    },
    { pgliteSharedBuffers: process.env.PGLITE_SHARED_BUFFERS || IMPORT_SHARED_BUFFERS },
  );
}

/** `events reminders`: the day-before reminders for events (issue 12); safe to run often and from several servers. */
async function eventReminders(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "Usage: npm run samspill -- events reminders\n\nE-mails a reminder to every confirmed participant of an event starting within 36 hours who has not had one.",
    );
    return 0;
  }
  if (args.length) throw new UsageError(`Unexpected arguments: ${args.join(" ")}`, MAIN_HELP);
  const { sendEventReminders } = await import("~/domain/events/registrations.server.ts");
  return withDatabase(async () => {
    const { sent } = await sendEventReminders();
    console.log(`Event reminders sent: ${sent}`);
    return 0;
  });
}

/** `workshops reminders`: the day-before reminders for workshop sessions (issue 13); safe to run often and from several servers. */
async function workshopReminders(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "Usage: npm run samspill -- workshops reminders\n\nE-mails a reminder to every registered participant of a workshop session starting within 36 hours that has not had one.",
    );
    return 0;
  }
  if (args.length) throw new UsageError(`Unexpected arguments: ${args.join(" ")}`, MAIN_HELP);
  const { sendWorkshopReminders } = await import("~/domain/workshops/participants.server.ts");
  return withDatabase(async () => {
    const { sessions, sent } = await sendWorkshopReminders();
    console.log(`Workshop reminders sent: ${sent} (sessions: ${sessions})`);
    return 0;
  });
}

/** `workshops action-reminders`: e-mail action owners' contacts a week before a deadline and when it has passed (issue 13); each once per deadline. */
async function workshopActionReminders(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "Usage: npm run samspill -- workshops action-reminders\n\nE-mails the owner's contact of every open action in a workshop's action plan 7 days before its deadline and once it is overdue; each reminder is sent once per deadline (run daily).",
    );
    return 0;
  }
  if (args.length) throw new UsageError(`Unexpected arguments: ${args.join(" ")}`, MAIN_HELP);
  const { sendActionReminders } = await import("~/domain/workshops/followup.server.ts");
  return withDatabase(async () => {
    const { due, overdue } = await sendActionReminders();
    console.log(`Action reminders sent: ${due} before the deadline, ${overdue} overdue`);
    return 0;
  });
}

/** `workshops digest`: the weekly digest of the workshops' action plans to each kommune's coordinators (issue 13). */
async function workshopDigest(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "Usage: npm run samspill -- workshops digest\n\nE-mails each kommune's coordinators (verified addresses) how their workshops' action plans stand: done, in progress, overdue, and what moved in the last 7 days. Run once a week.",
    );
    return 0;
  }
  if (args.length) throw new UsageError(`Unexpected arguments: ${args.join(" ")}`, MAIN_HELP);
  const { sendActionDigest } = await import("~/domain/workshops/followup.server.ts");
  return withDatabase(async () => {
    const { sent } = await sendActionDigest();
    console.log(`Action plan digests sent: ${sent}`);
    return 0;
  });
}

const BACKUP_HELP = `Usage: npm run samspill -- backup <file>

Writes everything in the database (DATABASE_URL or PGLITE_DATA_DIR) to <file>: gzipped JSON lines,
one consistent snapshot, with the schema version and each table's row count and checksum. The same
file restores into PGlite or PostgreSQL. It holds personal data: keep it as safe as the database.`;

const RESTORE_HELP = `Usage: npm run samspill -- restore <file> [--replace]

Loads a backup made by \`samspill backup\` into the database (DATABASE_URL or PGLITE_DATA_DIR), in
one transaction, and checks every table's row count and checksum against the file; any difference
or a damaged file changes nothing. A backup from an older version is loaded at its own schema
version and then migrated (restore it into an empty database); one from a newer version is refused.

Options:
  --replace   Replace what the database holds (else a database with data is refused)`;

async function backupCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("Name one file to write the backup to.", BACKUP_HELP);
  const file = positionals[0]!;
  if (existsSync(file)) throw new UsageError(`${file} exists already: name a new file (a backup never overwrites one).`, BACKUP_HELP);
  const { writeBackup } = await import("~/domain/operations/backup.server.ts");
  const { getDatabaseHandle } = await import("~/db/client.server.ts");
  return withDatabase(async () => {
    const started = Date.now();
    const summary = await writeBackup(getDatabaseHandle(), file, (t) => process.stderr.write(`  ${t.table.padEnd(36)} ${String(t.rows).padStart(9)} rows\n`));
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Backup written to ${file}: ${summary.tables.length} tables, ${rows} rows, schema ${summary.header.schema.migrations} (${summary.header.schema.lastTag}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  });
}

async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { replace: { type: "boolean", default: false } } });
  if (positionals.length !== 1) throw new UsageError("Name the backup file to restore.", RESTORE_HELP);
  const file = positionals[0]!;
  if (!existsSync(file)) throw new UsageError(`${file} does not exist.`, RESTORE_HELP);
  const { restoreBackup, BackupError } = await import("~/domain/operations/backup.server.ts");
  const env = getEnv();
  const started = Date.now();
  try {
    const { handle, summary } = await restoreBackup(file, { databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR }, { replace: values.replace });
    await handle.close();
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    const migrated = summary.migratedTo > summary.migratedFrom ? `, migrated from schema ${summary.migratedFrom} to ${summary.migratedTo}` : "";
    console.log(
      `Restored ${file}: ${summary.tables.length} tables, ${rows} rows, every checksum equal${migrated}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`Error: ${error.message}`);
    return 1;
  }
}

/** `placements reminders`: check-ins due within 2 days, and overdue ones, reminded to the follow-up contact (issue 14); each once per due date. */
async function placementReminders(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "Usage: npm run samspill -- placements reminders\n\nE-mails the follow-up organisation's members (verified addresses; else its contact address) about every unanswered check-in of a confirmed placement that is due within 2 days, and once more when it is overdue; each reminder is sent once per due date, also when several servers run the job (run daily).",
    );
    return 0;
  }
  if (args.length) throw new UsageError(`Unexpected arguments: ${args.join(" ")}`, MAIN_HELP);
  const { sendCheckinReminders } = await import("~/domain/placements/checkins.server.ts");
  return withDatabase(async () => {
    const { due, overdue } = await sendCheckinReminders();
    console.log(`Placement check-in reminders sent: ${due} due soon, ${overdue} overdue`);
    return 0;
  });
}

/** `needs reminders`: an open need whose deadline has passed asks its owner to close or extend it (issue 14); once per deadline. */
async function needReminders(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "Usage: npm run samspill -- needs reminders\n\nE-mails the owner of every open need whose deadline has passed (the kommune's coordinators for its own needs, the posting organisation's members otherwise; verified addresses only) and asks them to close the need or extend its deadline; each need is reminded once per deadline, also when several servers run the job (run daily).",
    );
    return 0;
  }
  if (args.length) throw new UsageError(`Unexpected arguments: ${args.join(" ")}`, MAIN_HELP);
  const { sendNeedReminders } = await import("~/domain/needs/reminders.server.ts");
  return withDatabase(async () => {
    const { needs, mails } = await sendNeedReminders();
    console.log(`Need reminders sent: ${mails} e-mails about ${needs} needs past their deadline`);
    return 0;
  });
}

/** Commands without a subcommand: `samspill backup <file>`. */
const topLevelCommands: Record<string, (args: string[]) => Promise<number>> = { backup: backupCommand, restore: restoreCommand };

/** `volunteers reminders`: interests still unanswered 14 days after the volunteer confirmed them (issue 14); each reminded once. */
async function volunteerReminders(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "Usage: npm run samspill -- volunteers reminders\n\nE-mails the receiving organisation's members (or, for a kommune's own need, its coordinators) about every volunteer's interest still new 14 days after it was confirmed, and tells the volunteer who to contact; each interest once (run daily).",
    );
    return 0;
  }
  if (args.length) throw new UsageError(`Unexpected arguments: ${args.join(" ")}`, MAIN_HELP);
  const { sendUnansweredReminders } = await import("~/domain/volunteers/reminders.server.ts");
  return withDatabase(async () => {
    const { interests, organisationMails, volunteerMails } = await sendUnansweredReminders();
    console.log(`Unanswered interests reminded: ${interests} (e-mails to organisations: ${organisationMails}, to volunteers: ${volunteerMails})`);
    return 0;
  });
}

/** `volunteers retention`: deletes volunteers' personal data that is no longer needed (issue 14). */
async function volunteerRetention(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "Usage: npm run samspill -- volunteers retention\n\nDeletes interests never confirmed after 7 days; interests new, contacted or not suitable VOLUNTEER_RETENTION_MONTHS (default 12) after their last change; started ones once their role has been closed that long; light profiles unused that long; old sign-in links. Run daily.",
    );
    return 0;
  }
  if (args.length) throw new UsageError(`Unexpected arguments: ${args.join(" ")}`, MAIN_HELP);
  const { runVolunteerRetention } = await import("~/domain/volunteers/retention.server.ts");
  return withDatabase(async () => {
    const r = await runVolunteerRetention();
    console.log(
      `Volunteers' data deleted: ${r.unconfirmed} unconfirmed, ${r.notFollowedUp} not followed up, ${r.startedOnClosedRoles} started on closed roles, ${r.profiles} profiles, ${r.links} sign-in links`,
    );
    return 0;
  });
}

const commands: Record<string, Record<string, (args: string[]) => Promise<number>>> = {
  import: { brreg: importBrreg, bosetting: importSettlement },
  events: { reminders: eventReminders },
  workshops: { reminders: workshopReminders, "action-reminders": workshopActionReminders, digest: workshopDigest },
  placements: { reminders: placementReminders },
  volunteers: { reminders: volunteerReminders, retention: volunteerRetention },
  needs: { reminders: needReminders },
};

async function main(argv: string[]): Promise<number> {
  const [command, subcommand, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(MAIN_HELP);
    return command ? 0 : 1;
  }
  const topLevel = topLevelCommands[command];
  if (topLevel) {
    const args = [subcommand, ...rest].filter((a): a is string => a !== undefined);
    if (args.includes("--help") || args.includes("-h")) {
      console.log(command === "backup" ? BACKUP_HELP : RESTORE_HELP);
      return 0;
    }
    return topLevel(args);
  }
  const run = commands[command]?.[subcommand ?? ""];
  if (!run) throw new UsageError(`Unknown command: ${[command, subcommand].filter(Boolean).join(" ")}`, MAIN_HELP);
  return run(rest);
}

// Configuration as server.ts reads it: real environment first, then .env, else .env.example.
if (existsSync(".env")) process.loadEnvFile(".env");
else if (existsSync(".env.example")) process.loadEnvFile(".env.example");

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`Error: ${error.message}\n\n${error.help}`);
    } else if (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`Error: ${error.message}\n\n${BRREG_HELP}`);
    } else {
      console.error(error instanceof Error ? `Error: ${error.message}` : error);
    }
    process.exit(1);
  },
);
