// XEP-0004 data forms as plain data: what a room's configuration (or any server's form) asks, for a generic renderer.
import { z } from 'zod';

/** XEP-0004 §3.3: the field types. */
export const FieldTypeSchema = z.enum([
  'boolean',
  'fixed',
  'hidden',
  'jid-multi',
  'jid-single',
  'list-multi',
  'list-single',
  'text-multi',
  'text-private',
  'text-single',
]);
export type FieldType = z.infer<typeof FieldTypeSchema>;

export const FieldOptionSchema = z.object({ label: z.string().optional(), value: z.string() });
export type FieldOption = z.infer<typeof FieldOptionSchema>;

export const FormFieldSchema = z.object({
  /** Absent only on a 'fixed' field (§3.2). */
  var: z.string().optional(),
  type: FieldTypeSchema,
  label: z.string().optional(),
  desc: z.string().optional(),
  required: z.boolean(),
  /** list-single and list-multi only. */
  options: z.array(FieldOptionSchema),
  /** The current values; a boolean's is "1" or "0" once parsed, a text-multi's one value per line. */
  values: z.array(z.string()),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const DataFormSchema = z.object({
  type: z.enum(['form', 'submit', 'cancel', 'result']),
  /** The hidden FORM_TYPE field's value (XEP-0068 §3), e.g. http://jabber.org/protocol/muc#roomconfig. */
  formType: z.string().optional(),
  title: z.string().optional(),
  instructions: z.array(z.string()),
  /** In the form's order, FORM_TYPE left out. */
  fields: z.array(FormFieldSchema),
});
export type DataForm = z.infer<typeof DataFormSchema>;

/** What the user answered: values per field var (a boolean as "1"/"0" or "true"/"false"); fields left out keep their values. */
export const FormAnswersSchema = z.record(z.string().min(1).max(256), z.array(z.string().max(10_000)).max(1_000));
export type FormAnswers = z.infer<typeof FormAnswersSchema>;

/** XEP-0004 §3.3: "1" and "true" are true, "0" and "false" (and no value) are false. */
export function isTrue(values: readonly string[]): boolean {
  const [first] = values;
  return first === '1' || first === 'true';
}

/** The types that carry several <value/>s (§3.3); every other one carries at most one. */
export const multiValued: ReadonlySet<FieldType> = new Set(['jid-multi', 'list-multi', 'text-multi']);
