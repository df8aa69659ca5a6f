import { Progress } from '@mantine/core';

/**
 * The progress of long work on the server (an import being committed, a report being written): a
 * bar with its accessible name and value in words; a bar that moves without a known end while the
 * total is not known. The page asks the server again every second and shows the numbers beside it.
 */
export function ProgressBar({
  label,
  done,
  total,
  valueText,
}: {
  label: string;
  done: number;
  total: number | null;
  valueText: string;
}) {
  const known = total !== null && total > 0;
  return (
    <Progress.Root size="xl" radius="sm">
      <Progress.Section
        value={known ? Math.min(100, (done / total) * 100) : 100}
        animated
        withAria={false}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={valueText}
      />
    </Progress.Root>
  );
}

/** The time left in words, from the keys `<prefix>.etaSeconds` and `<prefix>.etaMinutes` (with plurals). */
export function formatEta(seconds: number, t: (key: string, options?: Record<string, unknown>) => string, prefix: string) {
  if (seconds < 60) return t(`${prefix}.etaSeconds`, { count: Math.max(1, Math.round(seconds)) });
  return t(`${prefix}.etaMinutes`, { count: Math.round(seconds / 60) });
}
