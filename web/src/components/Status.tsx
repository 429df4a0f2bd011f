import { useApi, useLang, type Localised } from '../lib/api.ts';

export type StatusRule = { id: string; label: Localised; colour: string };
type Organisation = { statuses: StatusRule[]; name: Localised; rotation: { term: string; note?: string; order: { language: string }; among: string } };

/** The organisation's rules (statuses with labels and colours, rotation), fetched once per page. */
export function useOrganisation() {
  return useApi<Organisation>('/api/v1/organisation').data;
}

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const org = useOrganisation();
  const { pick } = useLang();
  const rule = org?.statuses.find((s) => s.id === status);
  if (!status) return <span className="badge">—</span>;
  return (
    // Dark text on white beside the status colour: readable whatever the colour (WCAG contrast).
    <span className="badge status-badge" style={{ borderLeftColor: rule?.colour ?? '#888' }}>
      {rule ? pick(rule.label) : status}
    </span>
  );
}
