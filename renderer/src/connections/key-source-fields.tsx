import { useId, type Ref } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { KeychainStatus } from '../../../shared/app-info.ts';
import { TextField } from '../ui/text-field.tsx';
import type { FieldErrors, FormValues } from './connection-form-model.ts';

export interface KeySourceFieldsProps {
  values: FormValues;
  errors: FieldErrors;
  connection: ConnectionView | null;
  keychain: KeychainStatus | undefined;
  keyRef: Ref<HTMLInputElement>;
  onKindChange: (kind: FormValues['keyKind']) => void;
  onEnvVariableChange: (value: string) => void;
  onKeyInput: (entered: boolean) => void;
}

/**
 * Where the key comes from. A select rather than radios keeps "Environment variable" the label of one
 * control only. The API key input is uncontrolled on purpose: React mirrors a controlled value into the
 * DOM's value attribute, and a key must never sit in the page's markup.
 */
export function KeySourceFields({
  values,
  errors,
  connection,
  keychain,
  keyRef,
  onKindChange,
  onEnvVariableChange,
  onKeyInput,
}: KeySourceFieldsProps) {
  const selectId = useId();
  const sessionOnly = keychain !== undefined && !keychain.available;
  return (
    <div className="form__row form__row--key">
      <div className="field">
        <label className="field__label" htmlFor={selectId}>
          Key source
        </label>
        <select
          id={selectId}
          className="field__input"
          value={values.keyKind}
          onChange={(event) => onKindChange(event.target.value === 'env' ? 'env' : 'keychain')}
        >
          <option value="keychain">{sessionOnly ? 'Typed here (session only)' : 'OS keychain'}</option>
          <option value="env">Environment variable</option>
        </select>
      </div>
      {values.keyKind === 'keychain' ? (
        <TextField
          key="key"
          ref={keyRef}
          label="API key"
          type="password"
          name="ferry-api-key"
          autoComplete="off"
          spellCheck={false}
          placeholder={keyPlaceholder(connection)}
          onInput={(event) => onKeyInput(event.currentTarget.value !== '')}
          error={errors.key}
          hint={
            sessionOnly
              ? 'No OS keychain is available: this key is kept in memory until Ferry quits, never on disk.'
              : connection?.keySource === 'keychain'
                ? 'Entering a key replaces the stored one. Ferry only ever shows its fingerprint.'
                : 'Stored in the OS keychain. Ferry only ever shows its fingerprint.'
          }
        />
      ) : (
        <TextField
          key="env"
          label="Environment variable"
          value={values.envVariable}
          onChange={(event) => onEnvVariableChange(event.target.value)}
          placeholder="OPENAI_API_KEY_PROD"
          autoComplete="off"
          spellCheck={false}
          error={errors.envVariable}
          hint="The name of a variable in the environment Ferry was started from; its value is read each time it is needed."
        />
      )}
    </div>
  );
}

function keyPlaceholder(connection: ConnectionView | null): string {
  if (!connection || connection.keySource !== 'keychain') return 'sk-…';
  if (connection.fingerprint && connection.keyStatus !== 'missing')
    return `Leave empty to keep ${connection.fingerprint}`;
  return 'Key missing: paste it again';
}
