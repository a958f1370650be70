import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { KeychainStatus } from '../../../shared/app-info.ts';
import type { ConnectionView } from '../../../shared/connection.ts';
import { useQueryClient } from '@tanstack/react-query';
import { asBridgeError, ferryKey, useFerryMutation } from '../query/ferry-query.ts';
import { useConnectionHealth } from './connection-health.tsx';
import { TextField } from '../ui/text-field.tsx';
import {
  emptyValues,
  formErrorsFrom,
  isDirty,
  movedToHost,
  saveRequest,
  valuesFrom,
  type FormErrors,
  type FormValues,
} from './connection-form-model.ts';
import { KeySourceFields } from './key-source-fields.tsx';
import { useRemoveConnection } from './use-remove-connection.tsx';
import { TestResult, type TestOutcome } from './test-result.tsx';
import { EditorActions } from './editor-actions.tsx';

export interface ConnectionEditorProps {
  /** null: a new connection. The parent remounts the editor (key) when the selection changes. */
  connection: ConnectionView | null;
  keychain: KeychainStatus | undefined;
  /** Shown once in the status line, e.g. after the connection was just created. */
  initialNotice?: string;
  onSaved: (view: ConnectionView, created: boolean) => void;
  onCancel: () => void;
  onRemoved: (view: ConnectionView) => void;
}

const noErrors: FormErrors = { fields: {} };

/** Add or edit one connection, test it, remove it. */
export function ConnectionEditor({
  connection,
  keychain,
  initialNotice,
  onSaved,
  onCancel,
  onRemoved,
}: ConnectionEditorProps) {
  const [values, setValues] = useState<FormValues>(() => (connection ? valuesFrom(connection) : emptyValues()));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [keyEntered, setKeyEntered] = useState(false);
  const [notice, setNotice] = useState(initialNotice ?? '');
  const [testOutcome, setTestOutcome] = useState<TestOutcome | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const focusErrors = useRef(false);

  const add = useFerryMutation('connections.add', { invalidates: ['connections.list'] });
  const update = useFerryMutation('connections.update', { invalidates: ['connections.list'] });
  const test = useFerryMutation('connections.test');
  const queryClient = useQueryClient();
  // Every saved connection is tested (saving never waits on it): its result shows here and as the list's dot.
  const health = useConnectionHealth(connection?.id ?? null);
  const removal = useRemoveConnection(connection, onRemoved);
  // A project opened from an organization whose key was refused gets a new service account on request.
  const replace = useFerryMutation('organizations.openProject', {
    invalidates: ['connections.list', 'organizations.projects', 'connections.test'],
  });
  const saving = add.isPending || update.isPending;
  const dirty = connection ? isDirty(values, connection, keyEntered) : true;
  const moved = movedToHost(values, connection);

  // After a failed save, take the keyboard to the first field that needs fixing.
  useEffect(() => {
    if (!focusErrors.current) return;
    focusErrors.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form__error')?.focus();
  }, [errors]);

  const set = <F extends keyof FormValues>(field: F, value: FormValues[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setNotice('');
  };

  const fail = (next: FormErrors) => {
    focusErrors.current = true;
    setErrors(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = keyRef.current?.value ?? '';
    const request = saveRequest(values, key, connection);
    if (request.kind === 'invalid') return fail(request.errors);
    try {
      const saved =
        request.kind === 'update'
          ? await update.mutateAsync({ id: request.id, patch: request.patch })
          : await add.mutateAsync(request.input);
      if (keyRef.current) keyRef.current.value = '';
      setKeyEntered(false);
      setErrors(noErrors);
      setValues(valuesFrom(saved));
      setNotice('Saved.');
      setTestOutcome(null);
      void queryClient.invalidateQueries({ queryKey: ferryKey('connections.test', { id: saved.id }) });
      onSaved(saved, connection === null);
    } catch (error) {
      fail(formErrorsFrom(asBridgeError(error)));
    } finally {
      // The request held the key; do not keep it around in the mutation's state.
      add.reset();
      update.reset();
    }
  };

  const runTest = async () => {
    if (!connection) return;
    setTestOutcome(null);
    try {
      const result = await test.mutateAsync({ id: connection.id });
      queryClient.setQueryData(ferryKey('connections.test', { id: connection.id }), result);
      setTestOutcome({ kind: 'result', result });
    } catch (error) {
      setTestOutcome({ kind: 'error', message: asBridgeError(error).message });
    }
  };

  const shownOutcome: TestOutcome | null =
    testOutcome ??
    (health.data
      ? { kind: 'result', result: health.data }
      : health.error
        ? { kind: 'error', message: health.error.message }
        : null);
  const heading = connection ? connection.name : 'New connection';
  return (
    <section className="editor" aria-labelledby="editor-heading">
      <header className="editor__header">
        <h2 id="editor-heading" className="editor__title">
          {heading}
        </h2>
        {connection?.readOnly && <span className="badge badge--neutral">Read-only</span>}
      </header>

      <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          label="Name"
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          placeholder="Acme Production"
          autoComplete="off"
          error={errors.fields.name}
        />
        <TextField
          label="Base URL"
          type="url"
          value={values.baseUrl}
          onChange={(e) => set('baseUrl', e.target.value)}
          spellCheck={false}
          error={errors.fields.baseUrl}
          hint="The API root, usually ending in /v1; a proxy or any OpenAI-compatible server works too."
        />
        {moved && (
          <p className="form__warning" role="status">
            This points the connection at another host ({moved}). Its key is not sent there: saving drops the stored
            key, so enter the key for {moved} below.
          </p>
        )}
        <KeySourceFields
          values={values}
          errors={errors.fields}
          connection={connection}
          keychain={keychain}
          keyRef={keyRef}
          onKindChange={(kind) => set('keyKind', kind)}
          onEnvVariableChange={(value) => set('envVariable', value)}
          onKeyInput={(entered) => {
            setKeyEntered(entered);
            setNotice('');
          }}
        />
        <div className="form__row">
          <TextField
            label="Organization ID"
            optional
            value={values.organization}
            onChange={(e) => set('organization', e.target.value)}
            placeholder="org-…"
            spellCheck={false}
            error={errors.fields.organization}
            hint="Optional: empty means the key's default."
          />
          <TextField
            label="Project ID"
            optional
            value={values.project}
            onChange={(e) => set('project', e.target.value)}
            placeholder="proj_…"
            spellCheck={false}
            error={errors.fields.project}
            hint="Optional: empty means the key's default."
          />
        </div>
        <div className="checkbox">
          <input
            id="connection-read-only"
            type="checkbox"
            checked={values.readOnly}
            onChange={(e) => set('readOnly', e.target.checked)}
            aria-describedby="connection-read-only-hint"
          />
          <label htmlFor="connection-read-only">Read-only</label>
          <p className="field__hint" id="connection-read-only-hint">
            Ferry refuses every change through this connection: it can only be browsed and cloned from.
          </p>
        </div>

        <EditorActions
          error={errors.general}
          saveLabel="Save"
          saving={saving}
          notice={notice}
          onRemove={connection ? removal.ask : undefined}
        >
          {connection ? (
            <button
              type="button"
              className="button"
              onClick={() => void runTest()}
              disabled={test.isPending}
              aria-busy={test.isPending || undefined}
            >
              Test connection
            </button>
          ) : (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </EditorActions>
        {connection && dirty && (
          <p className="field__hint">Test connection uses the saved settings: save to test your changes.</p>
        )}
      </form>

      {connection && (
        <TestResult pending={test.isPending || (testOutcome === null && health.isFetching)} outcome={shownOutcome} />
      )}

      {connection?.organizationLink &&
        shownOutcome?.kind === 'result' &&
        !shownOutcome.result.ok &&
        shownOutcome.result.problem === 'invalid_key' && (
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={replace.isPending}
              onClick={() =>
                void replace
                  .mutateAsync({
                    id: connection.organizationLink!.organizationId,
                    project: connection.organizationLink!.projectId,
                    readOnly: connection.readOnly,
                    replace: true,
                  })
                  .then(
                    () => runTest(),
                    (error: unknown) => setTestOutcome({ kind: 'error', message: asBridgeError(error).message }),
                  )
              }
            >
              {replace.isPending ? 'Replacing…' : 'Replace its service account'}
            </button>
          </div>
        )}

      {removal.dialog}
    </section>
  );
}
