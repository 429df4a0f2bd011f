import { useTranslation } from 'react-i18next';
import { useRecordText, type Shown } from '../lib/records.ts';

/** A record's text; our own translation carries a visible mark and says so to screen readers. */
export function RecordText({ shown }: { shown: Shown }) {
  const { t } = useTranslation();
  if (!shown.own) return <>{shown.text}</>;
  return (
    <span className="own-translation" title={t('ref.ownTranslation')}>
      {shown.text}
      <sup aria-label={t('ref.ownTranslation')}>†</sup>
    </span>
  );
}

/** A city's name in the chosen language (translations.csv), marked when it is our translation. */
export function City({ name }: { name: string | null | undefined }) {
  const { text } = useRecordText();
  if (!name) return null;
  return <RecordText shown={text('city', name, 'name', name)} />;
}
