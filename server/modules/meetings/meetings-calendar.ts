/** Meetings and cultural events as an iCalendar (RFC 5545) feed, one all-day event each. */
import ical from 'ical-generator';
import { addDays } from '../documents/entry-into-force.ts';
import type { MeetingView } from './meetings.service.ts';
import type { EventView } from './cultural-events.ts';

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

export function meetingsCalendar(meetings: MeetingView[], title: string, baseUrl: string, events: EventView[] = []): string {
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
  for (const e of events) {
    calendar.createEvent({
      id: `event-${e.id}@secretariat`,
      allDay: true,
      start: asDate(e.start_date),
      end: asDate(addDays(e.end_date, 1)),
      summary: e.title.en,
      location: e.city ?? undefined,
      categories: [{ name: e.kind }],
      description: [e.date_precision !== 'day' ? `Dates known to the ${e.date_precision} only.` : null, e.hosts.length ? `Hosts: ${e.hosts.join(', ')}` : null, e.states.length ? `States: ${e.states.join(', ')}` : null, `Source: ${e.source.join(' ')}`].filter(Boolean).join('\n'),
      url: `${baseUrl}/meetings?event=${encodeURIComponent(e.id)}`,
    });
  }
  return calendar.toString();
}
