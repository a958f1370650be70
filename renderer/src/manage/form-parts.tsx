import { useId } from 'react';
import type { Attributes, Chunking } from '../../../shared/contract/manage.ts';

/** `key=value` lines to a record; blank lines are skipped, a line without `=` is reported by number. */
export function parsePairs(text: string): { pairs: Record<string, string>; error?: string } {
  const pairs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at <= 0) return { pairs, error: `Line ${i + 1} needs the form key=value.` };
    pairs[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { pairs };
}

/** Attribute values keep their type: numbers and true/false are sent as such, everything else as text. */
export function parseAttributes(text: string): { attributes: Attributes; error?: string } {
  const { pairs, error } = parsePairs(text);
  const attributes: Attributes = {};
  for (const [k, v] of Object.entries(pairs)) attributes[k] = typedValue(v);
  return error ? { attributes, error } : { attributes };
}

export function typedValue(v: string): string | number | boolean {
  if (v === 'true' || v === 'false') return v === 'true';
  if (v !== '' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

export const pairsText = (record: Record<string, unknown> | null | undefined) =>
  Object.entries(record ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('\n');

export function PairsField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        aria-describedby={`${id}-hint`}
        className="field__input field__textarea field__textarea--mono"
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export interface ChunkingDraft {
  type: 'default' | 'auto' | 'static';
  size: string;
  overlap: string;
}
export const DEFAULT_CHUNKING: ChunkingDraft = { type: 'default', size: '800', overlap: '400' };

export function toChunking(draft: ChunkingDraft): Chunking | undefined {
  if (draft.type === 'default') return undefined;
  if (draft.type === 'auto') return { type: 'auto' };
  return { type: 'static', maxChunkSizeTokens: Number(draft.size), chunkOverlapTokens: Number(draft.overlap) };
}

/** How added files are split into chunks: the server's default, auto, or fixed sizes in tokens. */
export function ChunkingFields({ value, onChange }: { value: ChunkingDraft; onChange: (v: ChunkingDraft) => void }) {
  const id = useId();
  return (
    <fieldset className="fieldset manage-chunking">
      <legend>Chunking of the files added</legend>
      <select
        aria-label="Chunking"
        className="field__input"
        value={value.type}
        onChange={(e) => onChange({ ...value, type: e.target.value as ChunkingDraft['type'] })}
      >
        <option value="default">Server default</option>
        <option value="auto">Auto (800 tokens, 400 overlap)</option>
        <option value="static">Fixed size</option>
      </select>
      {value.type === 'static' && (
        <span className="manage-chunking__sizes">
          <label htmlFor={`${id}-size`}>Chunk size (tokens)</label>
          <input
            id={`${id}-size`}
            className="field__input"
            type="number"
            min={100}
            max={4096}
            value={value.size}
            onChange={(e) => onChange({ ...value, size: e.target.value })}
          />
          <label htmlFor={`${id}-overlap`}>Overlap (tokens)</label>
          <input
            id={`${id}-overlap`}
            className="field__input"
            type="number"
            min={0}
            value={value.overlap}
            onChange={(e) => onChange({ ...value, overlap: e.target.value })}
          />
        </span>
      )}
    </fieldset>
  );
}

/** A chunking strategy as the API reports it, in words. */
export function describeChunking(strategy: unknown): string {
  const s = strategy as
    { type?: string; static?: { max_chunk_size_tokens?: number; chunk_overlap_tokens?: number } } | null | undefined;
  if (!s?.type) return '—';
  if (s.type === 'static' && s.static)
    return `${s.static.max_chunk_size_tokens ?? '?'} tokens, ${s.static.chunk_overlap_tokens ?? '?'} overlap`;
  return s.type;
}
