import { foldText } from "~/lib/text.ts";
import nbActivities from "~/i18n/nb/activities.json";
import nnActivities from "~/i18n/nn/activities.json";
import enActivities from "~/i18n/en/activities.json";
import ukActivities from "~/i18n/uk/activities.json";
import arActivities from "~/i18n/ar/activities.json";
import tiActivities from "~/i18n/ti/activities.json";
import soActivities from "~/i18n/so/activities.json";
import prsActivities from "~/i18n/prs/activities.json";
import nbFinder from "~/i18n/nb/finder.json";
import nnFinder from "~/i18n/nn/finder.json";
import enFinder from "~/i18n/en/finder.json";
import ukFinder from "~/i18n/uk/finder.json";
import arFinder from "~/i18n/ar/finder.json";
import tiFinder from "~/i18n/ti/finder.json";
import soFinder from "~/i18n/so/finder.json";
import prsFinder from "~/i18n/prs/finder.json";

/**
 * The words a visitor may type for what an activity is tagged with: the
 * labels of its themes, target groups and languages in every finder language,
 * and its kommune's name. Stored folded (`tag_words`) and indexed with weight D
 * in `search_vector`, so "somali", "leksehjelp", "Сомалі" or "Hamar" find
 * tagged activities, ranked below those with the word in their text.
 *
 * Folded here rather than in SQL so the stored words and the typed query go
 * through the same `foldText` (PostgreSQL's unaccent keeps й and ї, which
 * NFKD folding does not).
 */
const labelSets: Record<string, string>[] = [
  { ...nbActivities, ...nbFinder },
  { ...nnActivities, ...nnFinder },
  { ...enActivities, ...enFinder },
  { ...ukActivities, ...ukFinder },
  { ...arActivities, ...arFinder },
  { ...tiActivities, ...tiFinder },
  { ...soActivities, ...soFinder },
  { ...prsActivities, ...prsFinder },
];

/** Letters and digits of any script, as the query words are cut. */
export const WORD = /[\p{L}\p{N}]+/gu;

export interface TaggedActivity {
  themes: readonly string[];
  targetGroups: readonly string[];
  languages: readonly string[];
}

function labelsOf(key: string): string[] {
  return labelSets.map((set) => set[key]).filter((l): l is string => typeof l === "string");
}

/** The distinct folded words of an activity's tag labels and kommune name, space-separated. */
export function tagWordsFor(tags: TaggedActivity, municipalityName: string | null | undefined): string {
  const labels = [
    ...tags.themes.flatMap((c) => labelsOf(`activity.theme.${c}`)),
    ...tags.targetGroups.flatMap((c) => labelsOf(`activity.target.${c}`)),
    ...tags.languages.flatMap((c) => labelsOf(`finder.language.${c}`)),
    municipalityName ?? "",
  ];
  const words = new Set<string>();
  for (const label of labels) for (const w of foldText(label).match(WORD) ?? []) words.add(w);
  return [...words].join(" ");
}
