import { protocol, type PGlite } from "@electric-sql/pglite";

/** A statement PostgreSQL parsed once, run again with new parameters without parsing its text again. */
export interface PreparedStatement {
  /** Runs the statement; returns its rows, each value as PostgreSQL's text (null for SQL NULL). */
  run(params: (string | null)[]): Promise<(string | null)[][]>;
  /** Frees the statement in the session. */
  close(): Promise<void>;
}

let nextName = 0;

/**
 * Parses `text` once as a named statement of PGlite's one session (extended protocol), for a process
 * that has the database to itself, such as the CLI. Why: PostgreSQL's SQL grammar is one WebAssembly
 * function of 105 kB, and V8 optimises it once it has parsed enough text, with ≈ 600 MB of compiler
 * memory for half a second. Even with the largest tiering budget V8 takes (`--wasm-tiering-budget` in
 * package.json's `samspill` script), the Brreg import's statement parsed for every batch gets there
 * within four batches; parsed once, the grammar stays on V8's baseline code.
 *
 * `run` bypasses PGlite's locks: it runs inside whatever transaction the session has open (the
 * caller's own), so it must not be used while others share the database (the server).
 */
export async function prepareOnPglite(client: PGlite, text: string): Promise<PreparedStatement> {
  const name = `samspill_prepared_${++nextName}`;
  await client.execProtocol(Buffer.concat([protocol.serialize.parse({ name, text }), protocol.serialize.sync()]));
  return {
    async run(params) {
      const { messages } = await client.execProtocol(
        Buffer.concat([protocol.serialize.bind({ statement: name, values: params }), protocol.serialize.execute({}), protocol.serialize.sync()]),
      );
      const rows: (string | null)[][] = [];
      for (const message of messages) if (message instanceof protocol.messages.DataRowMessage) rows.push(message.fields);
      return rows;
    },
    async close() {
      await client.execProtocol(Buffer.concat([protocol.serialize.close({ type: "S", name }), protocol.serialize.sync()]));
    },
  };
}
