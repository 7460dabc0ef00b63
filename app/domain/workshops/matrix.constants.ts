/**
 * Value lists of the responsibility matrix (ansvarsfordeling, issue 13). Free of
 * Drizzle so pages can import them.
 */

/** What an actor does for a task; an empty cell (no row) is "no part". */
export const matrixRoles = ["responsible", "contributes", "informed"] as const;
export type MatrixRole = (typeof matrixRoles)[number];

/** What a dated change on a matrix was; the public page shows these (the body's or task's name, never a person's). */
export const matrixChangeKinds = ["published", "task_added", "task_changed", "task_removed", "actor_added", "actor_renamed", "actor_removed"] as const;
export type MatrixChangeKind = (typeof matrixChangeKinds)[number];

/** A task's conflict: nobody responsible, or two or more responsible. */
export type MatrixConflictKind = "none_responsible" | "several_responsible";
