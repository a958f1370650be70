import type { ConnectionView } from '../../../shared/connection.ts';
import { chatModels } from '../../../shared/models.ts';
import type { AssistantView } from '../../../shared/resources.ts';
import { useFerryQuery } from '../query/ferry-query.ts';
import { AssistantEditor } from './assistant-editor.tsx';
import type { PaneData } from './use-pane-data.ts';

/** The New assistant form in a pane's inspector: every field, the org's chat models, stores and files. */
export function NewAssistant({
  connection,
  data,
  onDone,
}: {
  connection: ConnectionView;
  data: PaneData;
  onDone: (created?: AssistantView) => void;
}) {
  const models = useFerryQuery('models.list', { connectionId: connection.id });
  return (
    <AssistantEditor
      connection={connection}
      assistant={null}
      models={chatModels(models.data ?? [])}
      vectorStores={data.vectorStores}
      files={data.files}
      onDone={onDone}
    />
  );
}
