// A tiny form state helper for the studio's many small forms.
import { useState } from 'preact/hooks';
import { Field } from '../lib/ui';

export type Values = Record<string, string | boolean>;

export function useForm<T extends Values>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const set = (name: keyof T, value: string | boolean) => setValues(v => ({ ...v, [name]: value }));
  const input = (name: keyof T & string, label: string, props: Record<string, unknown> = {}) => (
    <Field label={label}>
      <input name={name} data-testid={`f-${name}`} value={values[name] as string} {...props}
        onInput={e => set(name, (e.target as HTMLInputElement).value)} />
    </Field>
  );
  const check = (name: keyof T & string, label: string) => (
    <Field label={label}>
      <input type="checkbox" name={name} data-testid={`f-${name}`} checked={values[name] as boolean}
        onChange={e => set(name, (e.target as HTMLInputElement).checked)} />
    </Field>
  );
  const select = (name: keyof T & string, label: string, options: [string, string][]) => (
    <Field label={label}>
      <select name={name} data-testid={`f-${name}`} value={values[name] as string} onChange={e => set(name, (e.target as HTMLSelectElement).value)}>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </Field>
  );
  return { values, set, input, check, select, reset: () => setValues(initial) };
}

/** Numbers from the form: empty → undefined, so that the server's default applies. */
export const num = (v: string | boolean) => (v === '' || v === false ? undefined : Number(v));
export const text = (v: string | boolean) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
export const list = (v: string | boolean) => (typeof v === 'string' ? v.split(/[,\s]+/).map(x => x.trim()).filter(Boolean) : []);
