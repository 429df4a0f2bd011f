/** The database as Kysely sees it: one interface per table, owned by the module that writes it. */
import type { OrganisationTable } from '../organisation/organisation.tables.ts';
import type { StateTable, StatusPeriodTable } from '../modules/membership/membership.tables.ts';
import type { OrganTable, OfficialTable } from '../modules/organs/organs.tables.ts';
import type { MeetingTable } from '../modules/meetings/meetings.tables.ts';
import type { ChairmanshipTable } from '../modules/chairmanship/chairmanship.tables.ts';
import type { DocumentTable, DocumentActionTable } from '../modules/documents/documents.tables.ts';
import type { AuditEventTable } from '../audit/audit.tables.ts';
import type { AppUserTable, RoleAssignmentTable, UserSessionTable, ApiTokenTable } from '../modules/accounts/accounts.tables.ts';
import type { ActionPlanTable, MeasureAlertTable, MeasureReportTable, MeasureTable } from '../modules/implementation/implementation.tables.ts';
import type { ListEntryTable, ListingProposalTable, ProposalEntryTable, ProposalPositionTable, ScreeningLogTable, SingleListEntityTable } from '../modules/listing/listing.tables.ts';
import type { TranslationTable } from '../modules/translations/translations.tables.ts';
import type { InfosecAcknowledgementTable, InfosecOutboxTable, InfosecPeerTable, InfosecRecordTable, InfosecRejectedTable, InfosecSharingGroupTable, InfosecSightingTable } from '../modules/infosec/infosec.tables.ts';
import type { AmendmentTable, DecisionProcedureTable, DecisionRecordTable, DraftTable, DraftVersionTable, NotificationTable, PositionTable, WebhookDeliveryTable, WebhookTable } from '../modules/decisions/decisions.tables.ts';

export interface DB {
  organisation: OrganisationTable;
  state: StateTable;
  status_period: StatusPeriodTable;
  organ: OrganTable;
  official: OfficialTable;
  meeting: MeetingTable;
  chairmanship: ChairmanshipTable;
  document: DocumentTable;
  document_action: DocumentActionTable;
  audit_event: AuditEventTable;
  app_user: AppUserTable;
  role_assignment: RoleAssignmentTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  draft: DraftTable;
  draft_version: DraftVersionTable;
  amendment: AmendmentTable;
  decision_procedure: DecisionProcedureTable;
  position: PositionTable;
  decision_record: DecisionRecordTable;
  notification: NotificationTable;
  webhook: WebhookTable;
  webhook_delivery: WebhookDeliveryTable;
  action_plan: ActionPlanTable;
  measure: MeasureTable;
  measure_report: MeasureReportTable;
  measure_alert: MeasureAlertTable;
  list_entry: ListEntryTable;
  single_list_entity: SingleListEntityTable;
  listing_proposal: ListingProposalTable;
  proposal_entry: ProposalEntryTable;
  proposal_position: ProposalPositionTable;
  screening_log: ScreeningLogTable;
  translation: TranslationTable;
  infosec_record: InfosecRecordTable;
  infosec_acknowledgement: InfosecAcknowledgementTable;
  infosec_outbox: InfosecOutboxTable;
  infosec_peer: InfosecPeerTable;
  infosec_sharing_group: InfosecSharingGroupTable;
  infosec_rejected: InfosecRejectedTable;
  infosec_sighting: InfosecSightingTable;
}

/** Provenance every reference record carries. */
export interface Sourced {
  source: string[];
  confidence: string;
}
