import { competenceTopics, type CompetenceTopic } from "~/domain/competence/topics.ts";
import { helpForms, MIN_GROUP_SIZE, urgencies, type HelpForm, type Urgency } from "./surveys.constants.ts";

/**
 * A survey's results by group (kind of organisation, fylke) without showing
 * any group of fewer than MIN_GROUP_SIZE answers. Small groups are merged
 * into one "other" row; if that row would itself be small, the smallest shown
 * groups join it until it is not — otherwise "other" could be read as the
 * total minus the shown rows, and a small group derived by subtraction.
 * Every row shown, "other" included, holds at least MIN_GROUP_SIZE answers,
 * and the rows always add up to the total, so nothing smaller can be
 * subtracted out of them. Fewer answers than that in all: nothing is shown.
 * Pure: no database, tested on its own.
 */

export interface Answer {
  group: string;
  topics: readonly string[];
  forms: readonly string[];
  urgency: string;
}

export interface Tally {
  answers: number;
  topics: Record<CompetenceTopic, number>;
  forms: Record<HelpForm, number>;
  urgency: Record<Urgency, number>;
}

export interface GroupRow extends Tally {
  /** The group's key, or null for the merged "other" row. */
  key: string | null;
  /** The groups merged into "other" (their names may be shown, their counts never). */
  merged: string[];
}

export interface GroupedResults {
  /** False when there are fewer than MIN_GROUP_SIZE answers in all: no figures at all. */
  shown: boolean;
  rows: GroupRow[];
}

function zeroes<T extends string>(keys: readonly T[]): Record<T, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
}

export function tally(answers: readonly Answer[]): Tally {
  const result: Tally = { answers: answers.length, topics: zeroes(competenceTopics), forms: zeroes(helpForms), urgency: zeroes(urgencies) };
  for (const a of answers) {
    for (const t of new Set(a.topics)) if (t in result.topics) result.topics[t as CompetenceTopic]++;
    for (const f of new Set(a.forms)) if (f in result.forms) result.forms[f as HelpForm]++;
    if (a.urgency in result.urgency) result.urgency[a.urgency as Urgency]++;
  }
  return result;
}

/** The overall tally, or null when there are too few answers to show any figure. */
export function overall(answers: readonly Answer[], min = MIN_GROUP_SIZE): Tally | null {
  return answers.length >= min ? tally(answers) : null;
}

export function groupResults(answers: readonly Answer[], min = MIN_GROUP_SIZE): GroupedResults {
  if (answers.length < min) return { shown: false, rows: [] };
  const byGroup = new Map<string, Answer[]>();
  for (const a of answers) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  // Largest first; ties by key so the same answers always give the same rows.
  const groups = [...byGroup.entries()].sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]));
  const shown = groups.filter(([, list]) => list.length >= min);
  const merged = groups.filter(([, list]) => list.length < min);
  const mergedCount = () => merged.reduce((sum, [, list]) => sum + list.length, 0);
  while (mergedCount() > 0 && mergedCount() < min && shown.length > 0) merged.push(shown.pop()!);
  const rows: GroupRow[] = shown.map(([key, list]) => ({ key, merged: [], ...tally(list) }));
  if (merged.length > 0) {
    rows.push({ key: null, merged: merged.map(([key]) => key).sort(), ...tally(merged.flatMap(([, list]) => list)) });
  }
  return { shown: true, rows };
}
