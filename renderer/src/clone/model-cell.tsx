import type { PlanAssistant } from '../../../shared/clone.ts';
import { chatModels } from '../../../shared/models.ts';

/** The model an assistant or agent will use, and a picker where the destination lacks it (the model map). */
export function ModelCell({
  assistant,
  models,
  mapped,
  onMap,
}: {
  assistant: Pick<PlanAssistant, 'name' | 'model'>;
  models: readonly string[];
  mapped: string | undefined;
  onMap: (source: string, target: string) => void;
}) {
  const { source, destination, available } = assistant.model;
  const needsMapping = !available || mapped !== undefined;
  return (
    <div className="model-cell">
      <code>{source}</code>
      {destination !== source && (
        <>
          {' → '}
          <code>{destination}</code>
        </>
      )}
      {needsMapping && (
        <div className="model-cell__map">
          {!available && <p className="warning-inline">The destination has no “{destination}”.</p>}
          <select
            className="field__input"
            aria-label={`Model for “${assistant.name}”`}
            value={mapped ?? ''}
            onChange={(e) => {
              if (e.target.value) onMap(source, e.target.value);
            }}
          >
            <option value="">Choose a model…</option>
            {chatModels(models).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
