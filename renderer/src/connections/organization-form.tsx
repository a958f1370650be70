import { useState, type FormEvent } from 'react';
import { DEFAULT_BASE_URL } from '../../../shared/connection.ts';
import type { OrganizationView } from '../../../shared/organization.ts';
import { TextField } from '../ui/text-field.tsx';
import { asBridgeError, useFerryMutation } from '../query/ferry-query.ts';

/**
 * "Add organization": a name, the server and an admin key. The key goes to the core once, on submit, and
 * the field is cleared right after; what comes back (and what the page keeps) is the fingerprint only.
 */
export function OrganizationForm({
  onAdded,
  onCancel,
}: {
  onAdded: (view: OrganizationView) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState(DEFAULT_BASE_URL);
  const [key, setKey] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const add = useFerryMutation('organizations.add', { invalidates: ['organizations.list'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const view = await add.mutateAsync({ name, baseUrl, keySource: { kind: 'keychain', key } });
      setKey('');
      onAdded(view);
    } catch (failure) {
      const bridgeError = asBridgeError(failure);
      setError({ ...(bridgeError.field ? { field: bridgeError.field } : {}), message: bridgeError.message });
    }
  };

  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <section className="editor" aria-labelledby="organization-form-heading">
      <h2 id="organization-form-heading" className="editor__title">
        Add organization
      </h2>
      <p className="field__hint">
        One admin key reaches every project of an organization. Ferry lists the projects and opens the ones you pick,
        each with a key of its own; the admin key itself reads nothing inside a project.
      </p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} />
        <TextField
          label="Base URL"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          error={fieldError('baseUrl')}
        />
        <TextField
          label="Admin key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          hint="Starts with sk-admin-. It is kept in the system keychain, never in a file."
          error={fieldError('keySource') ?? fieldError('keySource.key')}
        />
        {error && !['name', 'baseUrl', 'keySource', 'keySource.key'].includes(error.field ?? '') && (
          <p className="field__error" role="alert">
            {error.message}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add organization'}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
