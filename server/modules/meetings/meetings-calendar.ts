/** Meetings as an iCalendar (RFC 5545) feed, one all-day event per meeting. */
import ical from 'ical-generator';
import { addDays } from '../documents/entry-into-force.ts';
import type { MeetingView } from './meetings.service.ts';

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

export function meetingsCalendar(meetings: MeetingView[], title: string, baseUrl: string): string {
  const calendar = ical({ name: title, prodId: { company: 'Secretariat', product: 'meetings', language: 'EN' }, timezone: 'UTC' });
  for (const m of meetings) {
    calendar.createEvent({
      id: `${m.id}@secretariat`,
      allDay: true,
      // DTEND is exclusive for all-day events.
      start: asDate(m.start_date),
      end: asDate(addDays(m.end_date, 1)),
      summary: `${m.organ_name.en}${m.number ? ` — ${m.number}` : ''}`,
      location: m.city,
      description: [m.outcomes, `Source: ${m.source.join(' ')}`].filter(Boolean).join('\n'),
      url: `${baseUrl}/meetings/${encodeURIComponent(m.id)}`,
    });
  }
  return calendar.toString();
}
