// Child process for pglite-kill.test.ts: writes rows to a PGlite folder as the app does (plain queries and
// transactions, default durability) and prints each row's id once its write has returned; killed with SIGKILL.
import { PGlite } from "@electric-sql/pglite";

const db = await PGlite.create(process.argv[2]);
await db.exec("create table if not exists acknowledged (id text primary key, body text not null)");
process.stdout.write("ready\n");
for (let i = 0; ; i++) {
  const id = `${process.pid}-${i}`;
  if (i % 2 === 0) {
    await db.query("insert into acknowledged (id, body) values ($1, $2)", [id, "x".repeat(200)]);
  } else {
    await db.transaction(async (tx) => {
      await tx.query("insert into acknowledged (id, body) values ($1, $2)", [id, "y".repeat(200)]);
      await tx.query("update acknowledged set body = body where id = $1", [id]);
    });
  }
  process.stdout.write(`ack ${id}\n`);
}
