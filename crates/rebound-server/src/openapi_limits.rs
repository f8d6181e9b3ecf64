//! States in the OpenAPI document the text limits the server enforces
//! (issue 14, finding 10), from the very constants that enforce them, so
//! the document and the parser cannot drift apart: `maxLength` on every
//! bounded text, `minLength` where blank is refused. A list's limit is
//! each item's. The counts are characters, as the rules count them (an
//! email's limit is in bytes: any text over it in characters is over it in
//! bytes too).

use rebound_auth::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use rebound_domain::account::{
    MAX_DISPLAY_NAME_CHARS as NAME, MAX_EMAIL_BYTES as EMAIL, MAX_TEAM_NAME_CHARS,
    MAX_TOKEN_NAME_CHARS,
};
use rebound_domain::commit_check::{MAX_SHA_CHARS, MAX_URL_BYTES};
use rebound_domain::id::ID_LEN;
use rebound_domain::journal::MAX_ENTRY_CHARS;
use rebound_domain::mistake::{MAX_TEXT_CHARS as TEXT, MAX_TITLE_CHARS as TITLE};
use rebound_domain::playbook::org::{
    MAX_BODY_CHARS as PLAYBOOK_BODY, MAX_SLUG_CHARS, MAX_SUMMARY_CHARS,
    MAX_TITLE_CHARS as PLAYBOOK_TITLE,
};
use rebound_domain::recovery::plan::{
    MAX_DEBRIEF_PART, MAX_PRACTICE_TASK, MAX_PRIVATE_NOTE, MAX_SIGN_NOTE, MAX_TOPIC,
};
use rebound_domain::reflection::{
    MAX_ACCOUNT, MAX_LESSON, MAX_NOTE, MAX_PRINCIPLE, MAX_SELF_CARE_ITEM, MAX_SPECIFIC_ERROR,
    MAX_TITLE, MAX_WIN,
};
use rebound_domain::sharing::{MAX_AFFECTED_CHARS, MAX_COMMENT_CHARS, MAX_LINK_LABEL_CHARS};
use utoipa::openapi::schema::{ArrayItems, Schema};
use utoipa::openapi::{OpenApi, RefOr};

/// (schema, property, least, most) in characters; `least` 0 states none.
const LIMITS: &[(&str, &str, usize, usize)] = &[
    // Mistakes.
    ("NewMistakeBody", "title", 1, TITLE),
    ("NewMistakeBody", "what", 0, TEXT),
    ("NewMistakeBody", "affected", 0, TEXT),
    ("NewMistakeBody", "doing", 0, TEXT),
    ("PatchBody", "title", 0, TITLE),
    ("PatchBody", "what", 0, TEXT),
    ("PatchBody", "affected", 0, TEXT),
    ("HeadsUpBody", "text", 0, TEXT),
    ("HeadsUpBody", "doing", 0, TEXT),
    ("SentBody", "to", 0, TEXT),
    ("SendBody", "to", 1, EMAIL),
    ("EntryBody", "text", 0, TEXT),
    ("EntryPatch", "text", 0, TEXT),
    ("UpdateBody", "text", 0, TEXT),
    ("Impact", "who", 0, TEXT),
    ("Impact", "how_many", 0, TEXT),
    ("Impact", "what_wrong", 0, TEXT),
    ("FollowUpNote", "containment", 0, TEXT),
    ("FollowUpNote", "fix", 0, TEXT),
    ("FollowUpNote", "owner", 0, TITLE),
    ("PreventionItem", "text", 0, TEXT),
    ("CommitBody", "sha", 0, MAX_SHA_CHARS),
    ("CommitBody", "url", 0, MAX_URL_BYTES),
    ("CommitBody", "message", 0, TEXT),
    ("CommitBody", "author", 0, TITLE),
    ("CommitBody", "repo", 0, TITLE),
    // Sharing.
    ("CommentBodyIn", "body", 1, MAX_COMMENT_CHARS),
    ("EditBody", "body", 1, MAX_COMMENT_CHARS),
    ("AffectedBody", "affected", 0, MAX_AFFECTED_CHARS),
    ("NewLinkBody", "label", 0, MAX_LINK_LABEL_CHARS),
    ("GuestSessionBody", "display_name", 1, NAME),
    // Accounts.
    ("SetupBody", "display_name", 1, NAME),
    ("SetupBody", "email", 0, EMAIL),
    (
        "SetupBody",
        "password",
        MIN_PASSWORD_CHARS,
        MAX_PASSWORD_CHARS,
    ),
    ("AcceptBody", "display_name", 1, NAME),
    (
        "AcceptBody",
        "password",
        MIN_PASSWORD_CHARS,
        MAX_PASSWORD_CHARS,
    ),
    ("ProfileBody", "display_name", 1, NAME),
    ("LoginBody", "email", 0, EMAIL),
    ("LoginBody", "password", 0, MAX_PASSWORD_CHARS),
    ("DeleteAccountBody", "password", 0, MAX_PASSWORD_CHARS),
    ("InviteBody", "email", 0, EMAIL),
    ("TeamBody", "name", 1, MAX_TEAM_NAME_CHARS),
    ("NewTokenBody", "name", 1, MAX_TOKEN_NAME_CHARS),
    // Recovery plans.
    ("CreatePlan", "topics", 0, MAX_TOPIC),
    ("TopicsBody", "topics", 0, MAX_TOPIC),
    ("CheckInBody", "covered", 0, MAX_TOPIC),
    ("CheckInBody", "new_topics", 0, MAX_TOPIC),
    ("CheckInBody", "private_note", 0, MAX_PRIVATE_NOTE),
    ("SignScore", "note", 0, MAX_SIGN_NOTE),
    ("NoteBody", "body", 1, MAX_PRIVATE_NOTE),
    ("DebriefNote", "what_happened", 1, MAX_DEBRIEF_PART),
    ("DebriefNote", "what_is_known", 1, MAX_DEBRIEF_PART),
    ("DebriefNote", "technical_fix", 1, MAX_DEBRIEF_PART),
    ("DebriefNote", "communication_change", 1, MAX_DEBRIEF_PART),
    ("PracticeTask", "text", 1, MAX_PRACTICE_TASK),
    // Reflections, principles, wins, self-care.
    ("NewReflectionBody", "account", 1, MAX_ACCOUNT),
    ("NewReflectionBody", "memory_title", 0, MAX_TITLE),
    ("NewReflectionBody", "specific_error", 0, MAX_SPECIFIC_ERROR),
    ("NewReflectionBody", "lesson", 0, MAX_LESSON),
    ("ReflectionChange", "account", 0, MAX_ACCOUNT),
    ("ReflectionChange", "specific_error", 0, MAX_SPECIFIC_ERROR),
    ("ReflectionChange", "lesson", 0, MAX_LESSON),
    ("NewPrincipleBody", "text", 1, MAX_PRINCIPLE),
    ("ReviseBody", "text", 1, MAX_PRINCIPLE),
    ("ReviseBody", "note", 0, MAX_NOTE),
    ("RetireBody", "reason", 1, MAX_NOTE),
    ("LessonReviewBody", "text", 0, MAX_LESSON),
    ("LessonReviewBody", "note", 0, MAX_NOTE),
    ("LessonReviewBody", "reason", 0, MAX_NOTE),
    ("NewWinBody", "text", 1, MAX_WIN),
    ("SelfCareBody", "items", 0, MAX_SELF_CARE_ITEM),
    // The journal.
    ("NewEntryBody", "text", 1, MAX_ENTRY_CHARS),
    ("NewEntryBody", "prompt_date", 0, 10),
    ("EntryChange", "text", 1, MAX_ENTRY_CHARS),
    ("ToReflectionBody", "mistake_id", 0, ID_LEN),
    ("ToReflectionBody", "title", 0, MAX_TITLE),
    ("ToPrincipleBody", "text", 0, MAX_PRINCIPLE),
    // An organisation's playbooks.
    ("NewPlaybookBody", "title", 1, PLAYBOOK_TITLE),
    ("NewPlaybookBody", "summary", 0, MAX_SUMMARY_CHARS),
    ("NewPlaybookBody", "body", 1, PLAYBOOK_BODY),
    ("NewPlaybookBody", "slug", 0, MAX_SLUG_CHARS),
    ("PlaybookEditBody", "title", 0, PLAYBOOK_TITLE),
    ("PlaybookEditBody", "summary", 0, MAX_SUMMARY_CHARS),
    ("PlaybookEditBody", "body", 1, PLAYBOOK_BODY),
    (
        "TextBody",
        "text",
        0,
        crate::reflections::diagnose::MAX_CLASSIFY,
    ),
];

pub fn document(api: &mut OpenApi) {
    let schemas = &mut api
        .components
        .as_mut()
        .expect("the OpenAPI document has components")
        .schemas;
    for (schema, property, least, most) in LIMITS {
        let Some(RefOr::T(Schema::Object(object))) = schemas.get_mut(*schema) else {
            panic!("no object schema {schema} in the OpenAPI document");
        };
        let field = object
            .properties
            .get_mut(*property)
            .unwrap_or_else(|| panic!("no property {schema}.{property} in the OpenAPI document"));
        bound(field, *least, *most, schema, property);
    }
}

/// Sets the limits on a text property, or on each item of a list of texts.
fn bound(field: &mut RefOr<Schema>, least: usize, most: usize, schema: &str, property: &str) {
    match field {
        RefOr::T(Schema::Object(text)) => {
            text.max_length = Some(most);
            text.min_length = (least > 0).then_some(least);
        }
        RefOr::T(Schema::Array(list)) => match &mut list.items {
            ArrayItems::RefOrSchema(item) => bound(item, least, most, schema, property),
            ArrayItems::False => panic!("{schema}.{property} is a list of nothing"),
        },
        _ => panic!("{schema}.{property} is not a text or a list of texts"),
    }
}
