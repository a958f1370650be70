import { useRef, type DragEvent } from 'react';

/** A drag that carries files from the desktop (not a row dragged from the other pane). */
export const carriesDesktopFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * A button that opens the OS file picker (a hidden multi-file input) and hands over what was chosen. The
 * input is cleared afterwards, so choosing the same file again uploads it again.
 */
export function FilePickerButton({
  label,
  inputLabel,
  disabled,
  title,
  onFiles,
}: {
  label: string;
  inputLabel: string;
  disabled: boolean;
  title?: string | undefined;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        disabled={disabled}
        title={title}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={inputLabel}
        onChange={(e) => {
          if (e.target.files && e.target.files.length > 0) onFiles(Array.from(e.target.files));
          e.target.value = '';
        }}
      />
    </>
  );
}
