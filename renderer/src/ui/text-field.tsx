import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

export interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'aria-invalid' | 'aria-describedby'
> {
  label: string;
  /** Shown under the label; read out after the label as the field's description. */
  hint?: ReactNode;
  /** The core's (or the form's) message for this field; marks it invalid and is read out with it. */
  error?: string | undefined;
  /** Marks the field optional visually; say so in the hint too, for screen readers. */
  optional?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A labelled input whose hint and error are tied to it with aria-describedby, so a screen reader says
 * what is wrong when the field gets focus, not only a sighted admin scanning the form.
 */
export function TextField({ label, hint, error, optional = false, className, ref, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {/* Outside the label so the field's name stays exactly `label`; the hint says it in words. */}
        {optional && (
          <span className="field__optional" aria-hidden="true">
            optional
          </span>
        )}
      </div>
      <input
        {...input}
        ref={ref}
        id={id}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
