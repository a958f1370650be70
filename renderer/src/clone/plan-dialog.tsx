import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { CloneRequest, ClonePlan, OnConflict } from '../../../shared/clone.ts';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { BridgeError } from '../../../shared/bridge.ts';
import { useBridge } from '../bridge/index.ts';
import { asBridgeError, useFerryMutation } from '../query/ferry-query.ts';
import { trackJobStart } from '../query/job-starts.ts';
import { upsertJob } from '../query/use-ferry-events.ts';
import { PlanTables } from './plan-tables.tsx';
import { planHasWork, planSummary, planUpToDate } from './plan-labels.ts';
import { useReturnFocus } from '../ui/use-return-focus.ts';

export interface PlanDialogProps {
  request: CloneRequest;
  connections: readonly ConnectionView[];
  onClose: () => void;
  onStarted: () => void;
}

/**
 * "Clone plan": what a drop would do, read from both sides without writing anything. Changing the
 * model mapping, the folder of originals or the conflict rule asks the core for a new plan.
 */
export function PlanDialog({ request, connections, onClose, onStarted }: PlanDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useReturnFocus(ref);
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const [modelMap, setModelMap] = useState<Record<string, string>>({});
  const [filesDir, setFilesDir] = useState<string | null>(null);
  // The desktop window's folder comes as a grant from the OS dialog; the path is only shown.
  const [folderGrantId, setFolderGrantId] = useState<string | null>(null);
  const [folderInput, setFolderInput] = useState<string | null>(null);
  const [onConflict, setOnConflict] = useState<OnConflict>('update');
  const [skipBlocked, setSkipBlocked] = useState(false);
  const apply = useFerryMutation('clone.apply');

  const [folderError, setFolderError] = useState<string | null>(null);
  // The desktop window has the OS folder picker; browser mode types a path on the machine running Ferry.
  const chooseFolder = async () => {
    if (!bridge.desktop) return setFolderInput('');
    setFolderError(null);
    try {
      const { path, grantId } = await bridge.desktop.chooseFolder({ title: 'Folder of the original files' });
      if (path) {
        setFilesDir(path);
        setFolderGrantId(grantId ?? null);
      }
    } catch (error) {
      setFolderError(error instanceof Error ? error.message : String(error));
    }
  };

  const effective: CloneRequest = {
    ...request,
    modelMap,
    onConflict,
    ...(folderGrantId ? { folderGrantId } : filesDir ? { filesDir } : {}),
  };
  const plan = useQuery<ClonePlan, BridgeError>({
    queryKey: ['clone.plan', effective],
    queryFn: async () => {
      try {
        return await bridge.call('clone.plan', effective);
      } catch (error) {
        throw asBridgeError(error);
      }
    },
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // A folder the core cannot use is an error on the folder field, not the end of the plan: the last good
  // plan stays, the typed path comes back to be fixed, and the sentence sits beside it.
  const [goodFolder, setGoodFolder] = useState<string | null>(null);
  useEffect(() => {
    // Placeholder data is the previous plan, not one made with this folder.
    if (plan.isSuccess && !plan.isPlaceholderData) setGoodFolder(filesDir);
  }, [plan.isSuccess, plan.isPlaceholderData, filesDir]);
  useEffect(() => {
    if (!plan.isError || plan.error.field !== 'filesDir' || filesDir === null) return;
    setFolderError(plan.error.message);
    setFolderInput(filesDir);
    setFilesDir(goodFolder);
  }, [plan.isError, plan.error, filesDir, goodFolder]);

  const from = connections.find((c) => c.id === request.from)?.name ?? request.from;
  const to = connections.find((c) => c.id === request.to)?.name ?? request.to;
  // The last plan made stays on screen while a new one is made or a folder is refused.
  const [lastData, setLastData] = useState<ClonePlan | undefined>(undefined);
  useEffect(() => {
    if (plan.data) setLastData(plan.data);
  }, [plan.data]);
  const data = plan.data ?? lastData;
  const blockers = data?.blockers ?? [];
  const hasWork = data ? planHasWork(data) : false;
  const blocked = blockers.length > 0 && !skipBlocked;
  const upToDate = data !== undefined && planUpToDate(data);
  const canConfirm = hasWork && !plan.isFetching && !plan.isError && !blocked && !apply.isPending;

  const confirm = () => {
    if (!data) return;
    const started = apply.mutateAsync({ planId: data.id }).then((job) => upsertJob(queryClient, job));
    // The job's first events come before this answer; they wait for it rather than read the job again.
    trackJobStart(queryClient, started);
    void started.then(onStarted, () => {});
  };

  return (
    <dialog
      ref={ref}
      className="dialog dialog--plan"
      aria-labelledby="plan-title"
      aria-describedby="plan-route"
      onCancel={(event) => {
        event.preventDefault();
        if (!apply.isPending) onClose();
      }}
    >
      <h2 className="dialog__title" id="plan-title">
        Clone plan
      </h2>
      <p className="plan__route" id="plan-route">
        From <strong>{from}</strong> to <strong>{to}</strong>
        {plan.isFetching && (
          <span className="plan__busy" role="status">
            {data ? ' · Updating the plan…' : ' · Reading both organizations…'}
          </span>
        )}
      </p>
      <div className="plan__body">
        {plan.isError && plan.error.field !== 'filesDir' ? (
          <div className="plan__refused" role="alert">
            <p className="plan__refused-title">
              {plan.error.code === 'read_only'
                ? `${to} is read-only: the clone is refused.`
                : 'Ferry could not make this plan.'}
            </p>
            <p>{plan.error.message}</p>
          </div>
        ) : !data ? null : (
          <>
            {upToDate && (
              <p className="plan__up-to-date" role="status" aria-label="Plan outcome">
                Up to date: {to} already holds this clone, and it matches its source. Nothing will be written.
              </p>
            )}
            <ul className="plan__summary">
              {planSummary(data).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {blockers.length > 0 && (
              <section className="plan__blockers" aria-label="Blockers">
                <p className="plan__blockers-title">Blocked until you fix this (or skip the blocked items):</p>
                <ul>
                  {blockers.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </section>
            )}
            {data.warnings.length > 0 && (
              <section className="plan__warnings" aria-label="Warnings">
                <ul>
                  {data.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </section>
            )}
            <PlanTables
              plan={data}
              modelMap={modelMap}
              onMapModel={(source, target) => setModelMap((m) => ({ ...m, [source]: target }))}
            />
            <section className="plan__options" aria-label="Options">
              <div className="plan__option">
                <label className="field__label" htmlFor="plan-conflict">
                  When a clone already exists in {to}
                </label>
                <select
                  id="plan-conflict"
                  className="field__input"
                  value={onConflict}
                  onChange={(e) => setOnConflict(e.target.value as OnConflict)}
                >
                  <option value="update">Update it to match the source</option>
                  <option value="new">Make another copy</option>
                  <option value="skip">Leave it as it is</option>
                </select>
              </div>
              <div className="plan__option">
                <span className="field__label">Original files</span>
                {filesDir ? (
                  <p>
                    Matching files by name and size in <code>{filesDir}</code>{' '}
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => {
                        setFilesDir(null);
                        setFolderGrantId(null);
                      }}
                    >
                      Stop using this folder
                    </button>
                  </p>
                ) : folderInput === null ? (
                  <p>
                    <button type="button" className="button button--small" onClick={() => void chooseFolder()}>
                      Choose folder…
                    </button>{' '}
                    <span className="field__hint">
                      Point at a folder of the original files so they need not be reconstructed.
                    </span>
                    {folderError && (
                      <span className="dialog__error" role="alert">
                        {folderError}
                      </span>
                    )}
                  </p>
                ) : (
                  <form
                    className="plan__folder"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (folderInput.trim()) setFilesDir(folderInput.trim());
                      setFolderInput(null);
                    }}
                  >
                    <input
                      className="field__input"
                      aria-label="Folder of original files"
                      aria-invalid={folderError ? true : undefined}
                      aria-describedby={folderError ? 'plan-folder-error' : undefined}
                      placeholder="/path/to/originals (on the machine running Ferry)"
                      value={folderInput}
                      autoFocus
                      onChange={(e) => {
                        setFolderInput(e.target.value);
                        setFolderError(null);
                      }}
                    />
                    <button type="submit" className="button button--small" disabled={!folderInput.trim()}>
                      Use folder
                    </button>
                    {folderError && (
                      <span className="dialog__error" role="alert" id="plan-folder-error">
                        {folderError}
                      </span>
                    )}
                  </form>
                )}
              </div>
              {blockers.length > 0 && (
                <label className="checkbox plan__skip">
                  <input type="checkbox" checked={skipBlocked} onChange={(e) => setSkipBlocked(e.target.checked)} />
                  <span>Skip the blocked items and clone the rest</span>
                </label>
              )}
            </section>
          </>
        )}
      </div>
      {apply.error && (
        <p className="dialog__error" role="alert">
          {apply.error.message}
        </p>
      )}
      <div className="dialog__actions">
        {data && !hasWork && !upToDate && !plan.isFetching && (
          <p className="plan__why">Nothing to do: everything is already in {to} or skipped.</p>
        )}
        {data && blocked && (
          <p className="plan__why">
            Confirm is off while items are blocked: map their models, or tick “Skip the blocked items”.
          </p>
        )}
        <button type="button" className="button" onClick={onClose} disabled={apply.isPending}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={confirm}
          disabled={!canConfirm}
          aria-busy={apply.isPending || undefined}
        >
          {data && !hasWork && !blocked && !plan.isFetching ? 'Nothing to do' : 'Confirm'}
        </button>
      </div>
    </dialog>
  );
}
