-- When wrong passwords or codes given from inside a session (confirming the removal of one's own second factor) last
-- locked the person out: whoever holds that session is the one guessing, so the lockout ends their access at once.
-- Tokens issued up to that moment are refused (PersonAccess), and no sign-in can happen while the lockout lasts.
alter table staff_person add column access_ended_at timestamptz;
