export interface DraftAnnexTable {
  draft_id: string;
  pillar: 'security' | 'economy' | 'culture';
}

export interface DraftCommitmentTable {
  draft_id: string;
  /** The paragraph's Akoma Ntoso eId, e.g. para_3 or art_2__para_1. */
  paragraph: string;
  what: string;
  states: string[];
  organs: string[];
  deadline: string | null;
  indicator: string | null;
}
