import { Field, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';

/** A labelled number input (plain `type=number`, read as a number; empty is 0). */
export function NumberField(props: { name: string; label: string; value: number; onChange: (v: number) => void; min?: number; max?: number; step?: number; disabled?: boolean; width?: number }) {
  return (
    <Field.Root name={props.name} id={`seating-${props.name}`} style={{ width: props.width ?? 120 }}>
      <Field.Label>{props.label}</Field.Label>
      <TextInput
        type="number"
        name={props.name}
        size="S"
        data-testid={`seating-${props.name}`}
        value={String(props.value)}
        min={props.min}
        max={props.max}
        step={props.step}
        disabled={props.disabled}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => props.onChange(Number(e.target.value) || 0)}
      />
    </Field.Root>
  );
}

export function TextField(props: { name: string; label: string; value: string; onChange: (v: string) => void; disabled?: boolean; width?: number }) {
  return (
    <Field.Root name={props.name} id={`seating-${props.name}`} style={{ width: props.width ?? 200 }}>
      <Field.Label>{props.label}</Field.Label>
      <TextInput
        name={props.name}
        size="S"
        data-testid={`seating-${props.name}`}
        value={props.value}
        disabled={props.disabled}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value)}
      />
    </Field.Root>
  );
}

export function SelectField<T extends string>(props: { name: string; label: string; value: T; onChange: (v: T) => void; options: { value: T; label: string }[]; disabled?: boolean; width?: number }) {
  return (
    <Field.Root name={props.name} id={`seating-${props.name}`} style={{ width: props.width ?? 200 }}>
      <Field.Label>{props.label}</Field.Label>
      <SingleSelect size="S" data-testid={`seating-${props.name}`} value={props.value} disabled={props.disabled} onChange={(v) => props.onChange(String(v) as T)}>
        {props.options.map((o) => (
          <SingleSelectOption key={o.value} value={o.value}>
            {o.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
}
