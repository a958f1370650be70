import type { UseMutationResult } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import type { BridgeError } from '../../../shared/bridge.ts';
import { mutateThen } from '../query/ferry-query.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { formatDate } from './list-model.ts';

/**
 * An inspector's head for a config object (an assistant, an agent): its name, Edit and Delete (off, with
 * the reason, on a read-only connection), its id and dates, and what the caller adds (a "Clone of" link).
 */
export function ConfigHeader({
  name,
  what,
  id,
  createdAt,
  updatedAt,
  readOnlyReason,
  onEdit,
  onDelete,
  focusEdit = false,
  actions,
  children,
}: {
  name: string;
  what: string;
  id: string;
  createdAt: number;
  updatedAt?: number | undefined;
  readOnlyReason: string | null;
  onEdit: () => void;
  onDelete: () => void;
  /** Back from the editor (Save, Cancel, Escape): Edit takes the focus the editor's buttons had. */
  focusEdit?: boolean;
  /** More buttons beside Edit (an assistant's Duplicate). */
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusEdit) editButton.current?.focus();
  }, [focusEdit]);
  return (
    <header className="inspector__header">
      <div className="inspector__title-row">
        <h2 className="inspector__title">{name}</h2>
        <div className="inspector__actions">
          <button
            ref={editButton}
            type="button"
            className="button button--small"
            disabled={readOnlyReason !== null}
            title={readOnlyReason ?? `Edit this ${what}`}
            onClick={onEdit}
          >
            Edit
          </button>
          {actions}
          <button
            type="button"
            className="button button--small button--danger-quiet"
            disabled={readOnlyReason !== null}
            title={readOnlyReason ?? `Delete this ${what}`}
            onClick={onDelete}
          >
            Delete
          </button>
        </div>
      </div>
      <p className="inspector__id">
        <code>{id}</code> · created {formatDate(createdAt)}
        {updatedAt && updatedAt !== createdAt ? ` · updated ${formatDate(updatedAt)}` : ''}
      </p>
      {readOnlyReason && <p className="inspector__note">Edit and Delete are off: {readOnlyReason}</p>}
      {children}
    </header>
  );
}

/** A config object's instructions (an assistant's, an agent's), or that it has none. */
export function InstructionsSection({ text }: { text: string | null | undefined }) {
  return (
    <section className="inspector__section">
      <h3 className="inspector__heading">Instructions</h3>
      {text ? <pre className="instructions">{text}</pre> : <p className="muted">None</p>}
    </section>
  );
}

/**
 * Deleting a config object, confirmed first naming it and the org: the mutation runs on Delete, its
 * failure stays in the dialog, and once it succeeded `onDeleted` runs even if the inspector has unmounted
 * meanwhile (the delete's own refetch drops the object from the list).
 */
export function DeleteConfigDialog<P>({
  open,
  what,
  name,
  id,
  org,
  remove,
  params,
  onClose,
  onDeleted,
  children,
}: {
  open: boolean;
  what: string;
  name: string;
  id: string;
  org: string;
  remove: UseMutationResult<unknown, BridgeError, P>;
  params: P;
  onClose: () => void;
  onDeleted: () => void;
  children?: ReactNode;
}) {
  return (
    <ConfirmDialog
      open={open}
      destructive
      title={`Delete “${name}” from ${org}?`}
      confirmLabel="Delete"
      busy={remove.isPending}
      error={remove.error?.message}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
      onConfirm={() =>
        mutateThen(remove, params, () => {
          onClose();
          onDeleted();
        })
      }
    >
      <p>
        The {what} <strong>{name}</strong> (<code>{id}</code>) is deleted in <strong>{org}</strong> itself. This cannot
        be undone.
      </p>
      {children}
    </ConfirmDialog>
  );
}
