-- Two more kinds of in-app notification for stakeholders: a progress update
-- was posted, the mistake was closed.

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('stakeholder_added', 'update_posted', 'closed'));
