/** A labelled horizontal bar for a share between 0 and 1 (progress, implementation rate). */
export function Bar({ value, label }: { value: number | null; label?: string }) {
  const pct = value === null ? null : Math.round(value * 100);
  return (
    // Without a value there is nothing to measure: a meter needs aria-valuenow.
    <span className="bar" {...(pct === null ? { 'aria-label': label } : { role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct, 'aria-label': label })}>
      <span className="track"><span className="fill" style={{ width: `${pct ?? 0}%` }} /></span>
      <span className="pct">{pct === null ? '—' : `${pct}%`}</span>
    </span>
  );
}
