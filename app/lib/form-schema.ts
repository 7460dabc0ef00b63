import type { z } from "zod";

/** What a form field can tell the browser about its rule before it is posted. */
export interface FieldRule {
  required?: boolean;
  maxLength?: number;
}

/** Field name → rule, read from a form's Zod schema (plain JSON, so a loader can hand it to a hydrated page). */
export type FormRules = Record<string, FieldRule>;

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; length?: number } } }[];
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  out?: z.ZodType;
  innerType?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod;

/**
 * The rule of one field's schema: `required` when a string must have at least
 * one character, `maxLength` from its longest allowed length. Wrappers that
 * allow nothing (optional, nullable, default, catch) make it not required;
 * preprocess and pipes are looked through, transforms are not.
 */
export function fieldRule(schema: z.ZodType): FieldRule {
  const def = defOf(schema).def;
  switch (def.type) {
    case "string": {
      const rule: FieldRule = {};
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        const min = c.check === "min_length" ? c.minimum : c.check === "length_equals" ? c.length : undefined;
        const max = c.check === "max_length" ? c.maximum : c.check === "length_equals" ? c.length : undefined;
        if (min !== undefined && min >= 1) rule.required = true;
        if (max !== undefined) rule.maxLength = Math.min(max, rule.maxLength ?? max);
      }
      return rule;
    }
    // A choice always has a value (a select starts on one); refusing none is what the schema says.
    case "enum":
      return { required: true };
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch": {
      const inner = fieldRule(def.innerType!);
      return inner.maxLength === undefined ? {} : { maxLength: inner.maxLength };
    }
    case "pipe": {
      // z.preprocess(fn, s) is a pipe from a transform into s; s.transform(fn) a pipe from s into a transform.
      const from = defOf(def.in!).def.type === "transform" ? {} : fieldRule(def.in!);
      const to = defOf(def.out!).def.type === "transform" ? {} : fieldRule(def.out!);
      const lengths = [from.maxLength, to.maxLength].filter((n): n is number => n !== undefined);
      const rule: FieldRule = {};
      if (from.required || to.required) rule.required = true;
      if (lengths.length) rule.maxLength = Math.min(...lengths);
      return rule;
    }
    default:
      return {};
  }
}

/** The rules of every field of an object schema (refinements on the object keep its shape). */
export function formRules(schema: z.ZodType): FormRules {
  let current = schema;
  // An object's .transform() wraps it in a pipe: its fields are on the way in.
  while (defOf(current).def.type === "pipe") current = defOf(current).def.in!;
  const shape = defOf(current).def.shape ?? {};
  const rules: FormRules = {};
  for (const [name, field] of Object.entries(shape)) {
    const rule = fieldRule(field);
    if (rule.required || rule.maxLength !== undefined) rules[name] = rule;
  }
  return rules;
}
