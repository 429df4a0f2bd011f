import type { MispEvent } from './misp.ts';

/** A small MISP event as MISP exports it (written for this test). */
export const EVENT: MispEvent = {
  Event: {
    uuid: '5f1a2b3c-0000-4d5e-8f90-123456789abc',
    info: 'Credential phishing against customs brokers',
    date: '2026-11-28',
    threat_level_id: '1',
    timestamp: '1795000000',
    Tag: [{ name: 'tlp:amber' }, { name: 'PAP:GREEN' }, { name: 'misp-galaxy:threat-actor="Example"' }],
    Attribute: [
      { uuid: 'a1', type: 'ip-dst', category: 'Network activity', value: '198.51.100.23', to_ids: true, timestamp: '1795000100' },
      { uuid: 'a2', type: 'domain', category: 'Network activity', value: "customs-broker-login.example", to_ids: true },
      { uuid: 'a3', type: 'sha256', category: 'Payload delivery', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', comment: 'attachment' },
      { uuid: 'a4', type: 'text', category: 'Other', value: 'seen by three brokers' },
    ],
    Object: [{ name: 'file', Attribute: [{ uuid: 'o1', type: 'filename', value: "invoice's.docm" }] }],
  },
};
