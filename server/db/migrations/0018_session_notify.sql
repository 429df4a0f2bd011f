-- Signed-in requests find their session in memory (server/http/session-cache.ts). Any change to
-- sessions (sign-out), users (disabled) or roles (revoked) tells every listening server process
-- to forget the sessions it keeps, so the change takes effect on the very next request there too.
-- pg_notify is transactional: the notice is delivered on commit, never for a rolled-back change.
create or replace function secretariat_notify_sessions() returns trigger language plpgsql as $$
begin
  perform pg_notify('secretariat_sessions', '');
  return null;
end
$$;

create trigger user_session_notify after update or delete on user_session
  for each statement execute function secretariat_notify_sessions();
create trigger app_user_notify after update or delete on app_user
  for each statement execute function secretariat_notify_sessions();
create trigger role_assignment_notify after insert or update or delete on role_assignment
  for each statement execute function secretariat_notify_sessions();
