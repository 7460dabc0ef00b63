-- Vote limits for development workshops (issue 13), enforced whoever writes the row.
-- Each trigger first locks the voting participant's row, so concurrent votes by one
-- participant are counted one after another (on PostgreSQL as on PGlite): two
-- transactions cannot both see "one vote left" and both insert. It also refuses a
-- vote whose obstacle/solution or participant belongs to another workshop, a vote
-- on a merged obstacle, and a vote by a participant who is not taking part.
CREATE OR REPLACE FUNCTION workshop_obstacle_votes_check() RETURNS trigger AS $$
DECLARE
  p_workshop uuid;
  p_status text;
  o_workshop uuid;
  o_merged uuid;
  lim integer;
  taken integer;
BEGIN
  -- Moving votes when obstacles are merged keeps each participant's count (or lowers it):
  -- no participant lock and no new limit check, so a merge cannot deadlock with a vote.
  IF TG_OP = 'UPDATE' AND OLD.participant_id = NEW.participant_id THEN
    SELECT workshop_id INTO o_workshop FROM workshop_obstacles WHERE id = NEW.obstacle_id;
    IF o_workshop IS DISTINCT FROM NEW.workshop_id THEN
      RAISE EXCEPTION 'vote % mixes workshops', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_obstacle_votes_same_workshop';
    END IF;
    RETURN NEW;
  END IF;
  SELECT workshop_id, status INTO p_workshop, p_status FROM workshop_participants WHERE id = NEW.participant_id FOR UPDATE;
  -- FOR SHARE: a merge (which locks the obstacle for update) and a vote on it are ordered, so no vote lands on a merged obstacle.
  SELECT workshop_id, merged_into_id INTO o_workshop, o_merged FROM workshop_obstacles WHERE id = NEW.obstacle_id FOR SHARE;
  IF p_workshop IS DISTINCT FROM NEW.workshop_id OR o_workshop IS DISTINCT FROM NEW.workshop_id THEN
    RAISE EXCEPTION 'vote % mixes workshops', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_obstacle_votes_same_workshop';
  END IF;
  IF o_merged IS NOT NULL THEN
    RAISE EXCEPTION 'obstacle % was merged', NEW.obstacle_id USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_obstacle_votes_not_merged';
  END IF;
  IF p_status NOT IN ('registered', 'joined') THEN
    RAISE EXCEPTION 'participant % is not taking part', NEW.participant_id USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_obstacle_votes_active';
  END IF;
  SELECT obstacle_votes_per_participant INTO lim FROM workshops WHERE id = NEW.workshop_id;
  SELECT count(*) INTO taken FROM workshop_obstacle_votes WHERE workshop_id = NEW.workshop_id AND participant_id = NEW.participant_id AND id <> NEW.id;
  IF taken >= lim THEN
    RAISE EXCEPTION 'participant % has used all % votes', NEW.participant_id, lim USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_obstacle_votes_limit';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER workshop_obstacle_votes_check
  BEFORE INSERT OR UPDATE OF obstacle_id, participant_id, workshop_id ON workshop_obstacle_votes
  FOR EACH ROW EXECUTE FUNCTION workshop_obstacle_votes_check();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION workshop_solution_votes_check() RETURNS trigger AS $$
DECLARE
  p_workshop uuid;
  p_status text;
  s_workshop uuid;
  lim integer;
  taken integer;
BEGIN
  SELECT workshop_id, status INTO p_workshop, p_status FROM workshop_participants WHERE id = NEW.participant_id FOR UPDATE;
  SELECT workshop_id INTO s_workshop FROM workshop_solutions WHERE id = NEW.solution_id;
  IF p_workshop IS DISTINCT FROM NEW.workshop_id OR s_workshop IS DISTINCT FROM NEW.workshop_id THEN
    RAISE EXCEPTION 'vote % mixes workshops', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_solution_votes_same_workshop';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.participant_id = NEW.participant_id THEN
    RETURN NEW;
  END IF;
  IF p_status NOT IN ('registered', 'joined') THEN
    RAISE EXCEPTION 'participant % is not taking part', NEW.participant_id USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_solution_votes_active';
  END IF;
  SELECT solution_votes_per_participant INTO lim FROM workshops WHERE id = NEW.workshop_id;
  SELECT count(*) INTO taken FROM workshop_solution_votes WHERE workshop_id = NEW.workshop_id AND participant_id = NEW.participant_id AND id <> NEW.id;
  IF taken >= lim THEN
    RAISE EXCEPTION 'participant % has used all % votes', NEW.participant_id, lim USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_solution_votes_limit';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER workshop_solution_votes_check
  BEFORE INSERT OR UPDATE OF solution_id, participant_id, workshop_id ON workshop_solution_votes
  FOR EACH ROW EXECUTE FUNCTION workshop_solution_votes_check();
--> statement-breakpoint
-- A solution belongs to an obstacle of the same workshop.
CREATE OR REPLACE FUNCTION workshop_solutions_same_workshop() RETURNS trigger AS $$
BEGIN
  IF (SELECT workshop_id FROM workshop_obstacles WHERE id = NEW.obstacle_id) IS DISTINCT FROM NEW.workshop_id THEN
    RAISE EXCEPTION 'solution % is for another workshop''s obstacle', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_solutions_same_workshop';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER workshop_solutions_same_workshop
  BEFORE INSERT OR UPDATE OF obstacle_id, workshop_id ON workshop_solutions
  FOR EACH ROW EXECUTE FUNCTION workshop_solutions_same_workshop();
