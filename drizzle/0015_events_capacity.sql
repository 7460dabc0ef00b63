-- Confirmed seats never exceed an event's capacity, whoever writes the row (issue 12).
-- The trigger locks the event row first, so concurrent transactions that confirm
-- seats for one event are counted one after another, on PostgreSQL as on PGlite.
CREATE OR REPLACE FUNCTION event_registrations_capacity_check() RETURNS trigger AS $$
DECLARE
  cap integer;
  taken integer;
BEGIN
  IF NEW.status <> 'confirmed' OR (TG_OP = 'UPDATE' AND OLD.status = 'confirmed' AND OLD.event_id = NEW.event_id) THEN
    RETURN NEW;
  END IF;
  SELECT capacity INTO cap FROM events WHERE id = NEW.event_id FOR UPDATE;
  IF cap IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT count(*) INTO taken FROM event_registrations WHERE event_id = NEW.event_id AND status = 'confirmed' AND id <> NEW.id;
  IF taken >= cap THEN
    RAISE EXCEPTION 'event % is full (capacity %)', NEW.event_id, cap USING ERRCODE = 'check_violation', CONSTRAINT = 'event_registrations_capacity';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER event_registrations_capacity
  BEFORE INSERT OR UPDATE OF status, event_id ON event_registrations
  FOR EACH ROW EXECUTE FUNCTION event_registrations_capacity_check();
--> statement-breakpoint
-- A registration is promoted from the waitlist at most once: promoted_at is set once and never changed.
CREATE OR REPLACE FUNCTION event_registrations_promoted_once() RETURNS trigger AS $$
BEGIN
  IF OLD.promoted_at IS NOT NULL AND NEW.promoted_at IS DISTINCT FROM OLD.promoted_at THEN
    RAISE EXCEPTION 'registration % was already promoted', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'event_registrations_promoted_once';
  END IF;
  IF NEW.promoted_at IS NOT NULL AND OLD.promoted_at IS NULL AND OLD.status <> 'waitlisted' THEN
    RAISE EXCEPTION 'registration % is not on the waitlist', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'event_registrations_promoted_once';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER event_registrations_promoted_once
  BEFORE UPDATE OF promoted_at ON event_registrations
  FOR EACH ROW EXECUTE FUNCTION event_registrations_promoted_once();
--> statement-breakpoint
-- An event's capacity cannot be set below the seats already confirmed.
CREATE OR REPLACE FUNCTION events_capacity_not_below_confirmed() RETURNS trigger AS $$
DECLARE
  taken integer;
BEGIN
  IF NEW.capacity IS NULL OR NEW.capacity IS NOT DISTINCT FROM OLD.capacity THEN
    RETURN NEW;
  END IF;
  SELECT count(*) INTO taken FROM event_registrations WHERE event_id = NEW.id AND status = 'confirmed';
  IF taken > NEW.capacity THEN
    RAISE EXCEPTION 'event % has % confirmed seats, more than capacity %', NEW.id, taken, NEW.capacity USING ERRCODE = 'check_violation', CONSTRAINT = 'events_capacity_not_below_confirmed';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER events_capacity_not_below_confirmed
  BEFORE UPDATE OF capacity ON events
  FOR EACH ROW EXECUTE FUNCTION events_capacity_not_below_confirmed();
