//! Sharing without files (issue 15): "Share my answers" as a link, opening a shared response
//! link or a team check's invitation, and the invitation's link and QR code on the team page.
//!
//! The screens here come from the `team` wasm module (`split` in ui/mod.rs); the link format
//! itself is `teamshape_core::link`. A link is data: it is read with the strict reader of
//! files, and nothing is added to the device without a question and a button.

use crate::browser::{self, download, now};
use crate::ui::navigate;
use crate::ui::route::Screen;
use crate::ui::state::{FileOutcome, Incoming, use_app};
use leptos::prelude::*;
use leptos::task::spawn_local;
use teamshape_core::format::{self, Document};
use teamshape_core::link::{self, Kind, SHARE_LIMIT};
use teamshape_core::team::{Anonymity, TeamCheck};

/// The screens of links, parsed from `Screen::Link`'s path here rather than in the first load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkScreen {
    /// A response link someone shared: its payload.
    Answers(String),
    /// A team check's invitation: its payload.
    Join(String),
    /// "Share my answers": a solo response's link, or one of a team check's responses.
    Share {
        check: Option<String>,
        response: String,
    },
}

impl LinkScreen {
    pub fn parse(path: &str) -> Option<LinkScreen> {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        Some(match parts.as_slice() {
            ["answers", payload] => LinkScreen::Answers(payload.to_string()),
            ["join", payload] => LinkScreen::Join(payload.to_string()),
            ["share", response] => LinkScreen::Share {
                check: None,
                response: response.to_string(),
            },
            ["share", response, check] => LinkScreen::Share {
                check: Some(check.to_string()),
                response: response.to_string(),
            },
            _ => return None,
        })
    }

    pub fn href(&self) -> String {
        Screen::Link(match self {
            LinkScreen::Answers(payload) => format!("answers/{payload}"),
            LinkScreen::Join(payload) => format!("join/{payload}"),
            LinkScreen::Share {
                check: None,
                response,
            } => format!("share/{response}"),
            LinkScreen::Share {
                check: Some(check),
                response,
            } => format!("share/{response}/{check}"),
        })
        .href()
    }
}

/// The view of a `Screen::Link`.
pub fn screen(path: &str) -> AnyView {
    match LinkScreen::parse(path) {
        Some(LinkScreen::Answers(payload)) => view! { <OpenAnswers payload/> }.into_any(),
        Some(LinkScreen::Join(payload)) => view! { <JoinCheck payload/> }.into_any(),
        Some(LinkScreen::Share { check, response }) => {
            view! { <ShareAnswers check response/> }.into_any()
        }
        None => view! { <crate::ui::NotFound hash=format!("#/{path}")/> }.into_any(),
    }
}

/// The one sentence about what a response link is, said wherever one is made or opened.
pub const LINK_HOLDS_ANSWERS: &str = "A link to your answers holds your answers and comments: \
    anyone who has it can read them, and chats keep it, so send it only to the person who runs \
    the team check.";

/// A link in a text field anyone can select, with "Copy" and, where the browser has it, the
/// system share sheet. Both can be missing (plain HTTP, older browsers): the field stays.
#[component]
pub fn LinkBox(link: String, title: String, what: &'static str) -> impl IntoView {
    let app = use_app();
    let field = NodeRef::<leptos::html::Textarea>::new();
    let select = move || {
        if let Some(field) = field.get_untracked() {
            browser::call_method(&field, "select");
        }
    };
    let text = StoredValue::new(link.clone());
    let copy = move |_| {
        spawn_local(async move {
            if browser::copy_text(&text.get_value()).await {
                app.say(format!("Copied the {what}."));
            } else {
                select();
                app.say("This browser does not let teamshape copy: the link is selected, copy it from there.");
            }
        });
    };
    let title = StoredValue::new(title);
    let share = move |_| {
        spawn_local(async move {
            browser::share(&title.get_value(), &text.get_value()).await;
        });
    };
    let id = format!("link-{what}").replace(' ', "-");
    view! {
        <label for=id.clone()>{format!("The {what}")}</label>
        <textarea id=id class="link-text" readonly rows="3" data-testid="link-text" node_ref=field
            prop:value=link on:focus=move |_| select()></textarea>
        <div class="actions no-print">
            <button class="primary" data-testid="copy-link" on:click=copy>"Copy the link"</button>
            {browser::can_share().then(|| view! {
                <button data-testid="share-sheet" on:click=share>"Share…"</button>
            })}
        </div>
    }
}

/// "Share my answers": the response's link, or when comments make it too long, the file.
#[component]
pub fn ShareAnswers(check: Option<String>, response: String) -> impl IntoView {
    let app = use_app();
    let found = match &check {
        Some(check_id) => {
            // On a shared device only the person filling may see their answers (team.rs).
            if browser::filling().as_deref() != Some(response.as_str()) {
                return view! {
                    <h1 tabindex="-1">"These answers are hidden"</h1>
                    <p>"On a shared device, answers are hidden once a person hands over, so nobody sees another person's answers."</p>
                    <p><a href=Screen::TeamCheck { check: check_id.clone() }.href()>"Back to the team check"</a></p>
                }
                .into_any();
            }
            app.check(check_id)
                .and_then(|c| c.responses.into_iter().find(|r| r.id == response))
        }
        None => app.response(&response),
    };
    let Some(found) = found else {
        return view! {
            <h1 tabindex="-1">"These answers are not on this device"</h1>
            <p><a href="#/">"Go to the start"</a></p>
        }
        .into_any();
    };
    let q = app.questionnaire_of(&found.questionnaire);
    let payload = link::response_payload(&q, &found, check.as_deref());
    let url = format!(
        "{}{}",
        browser::app_address(),
        LinkScreen::Answers(payload).href()
    );
    let length = url.len();
    let answered = found.answered_count();
    let total = q.item_count();
    // Link version 1 carries the statements' answers only (FORMAT.md, Links): say so, and point
    // to the file, rather than let someone's guesses go missing on the way.
    let has_guesses = !found.intuitions.is_empty();
    let file = StoredValue::new((q, found));
    let download_file = move |_| {
        let at = now();
        let (text, name) = file.with_value(|(q, r)| {
            let tag: String =
                r.id.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .take(4)
                    .collect();
            (
                format::write_response(q, r, Some(&at)),
                format::file_name(&format!("my answers {tag}"), at.date()),
            )
        });
        match download(&name, &text) {
            Ok(()) => app.say(format!(
                "Downloaded {name}. Send this file to the person who runs the team check."
            )),
            Err(message) => app.say(message),
        }
    };
    let back = match &check {
        Some(check) => Screen::TeamSurvey {
            check: check.clone(),
            response: response.clone(),
            dimension: 0,
        },
        None => Screen::Results {
            response: response.clone(),
        },
    };
    view! {
        <h1 tabindex="-1">"Share your answers"</h1>
        <p data-testid="share-summary">
            {format!("You answered {answered} of {total} statements. ")}
            "Send the link to the person who runs the team check: they paste it into the check."
        </p>
        <p class="note" data-testid="link-privacy">{LINK_HOLDS_ANSWERS}</p>
        {has_guesses.then(|| view! {
            <p class="note" data-testid="link-no-guesses">
                "You answered the part about the team's intuitions too. A link carries your "
                "answers to the statements only: send the file instead, it holds both."
            </p>
        })}
        {if length <= SHARE_LIMIT {
            view! { <LinkBox link=url title="My teamshape answers".to_string() what="link to your answers"/> }.into_any()
        } else {
            view! {
                <p class="error" role="alert" data-testid="link-too-long">
                    {format!(
                        "Your comments make the link {length} characters long. Chat apps may cut \
                         links longer than {SHARE_LIMIT} characters, so send your answers as a \
                         file instead (or shorten your comments)."
                    )}
                </p>
            }.into_any()
        }}
        <div class="actions">
            <button data-testid="download-answers" on:click=download_file>"Download my answers as a file"</button>
            <a class="button" href=back.href()>"Change my answers"</a>
        </div>
    }
    .into_any()
}

/// A reason ("the link ends too early; …") as a sentence of its own.
fn sentence(reason: &str) -> String {
    let mut chars = reason.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// The words for a refused link, and the promise that nothing changed.
fn refused(heading: &'static str, reason: String) -> AnyView {
    view! {
        <h1 tabindex="-1">{heading}</h1>
        <p class="error" role="alert" data-testid="link-refused">{sentence(&reason)}</p>
        <p>"Nothing was changed on this device. Ask for the link again, copied whole."</p>
        <p><a href="#/">"Go to the start"</a></p>
    }
    .into_any()
}

/// A team check's invitation, opened: what it is, and "Start my answers" (which adds the check
/// to this device and starts this person's answers with its questionnaire).
#[component]
pub fn JoinCheck(payload: String) -> impl IntoView {
    let app = use_app();
    const SOURCE: &str = "the invitation";
    let (check, q) = match app.peek_link(Kind::Invitation, SOURCE, &payload) {
        Ok((
            _,
            format::Read {
                document: Document::TeamCheck(check),
                questionnaires,
            },
        )) => {
            let q = questionnaires
                .into_iter()
                .find(|q| q.reference() == check.questionnaire)
                .unwrap_or_else(|| app.questionnaire_of(&check.questionnaire));
            (check, q)
        }
        Ok(_) => {
            return refused(
                "This invitation cannot be opened",
                "it is no invitation".into(),
            );
        }
        Err(error) => return refused("This invitation cannot be opened", error.reason()),
    };
    let named = check.anonymity == Anonymity::Named;
    let name = RwSignal::new(String::new());
    let payload = StoredValue::new(payload);
    let check_id = StoredValue::new(check.id.clone());
    let start = move |_| {
        let entered = name.get_untracked().trim().to_string();
        if named && entered.is_empty() {
            app.say("Enter your name first: this is a named team check.");
            return;
        }
        // Read again, now keeping what it brings (its questionnaire joins the catalog).
        match app.read_any_link(Kind::Invitation, SOURCE, &payload.get_value()) {
            Ok((_, document @ Document::TeamCheck(_))) => {
                app.absorb(document, false);
                if let Some(id) = crate::ui::team::add_respondent(
                    app,
                    &check_id.get_value(),
                    named.then_some(entered),
                ) {
                    browser::set_joined(&id);
                }
            }
            Ok(_) => {}
            Err(error) => app.say(format!("Not started: {}", error.reason())),
        }
    };
    // Opened again in the tab that answered it: go on with those answers, not a second person.
    let mine = browser::joined().filter(|id| {
        browser::filling().as_deref() == Some(id.as_str())
            && app
                .check(&check.id)
                .is_some_and(|c| c.responses.iter().any(|r| &r.id == id))
    });
    let again = mine.map(|id| {
        let share = LinkScreen::Share {
            check: Some(check.id.clone()),
            response: id.clone(),
        }
        .href();
        let survey = Screen::TeamSurvey {
            check: check.id.clone(),
            response: id,
            dimension: 0,
        }
        .href();
        view! {
            <p class="note" data-testid="join-again">
                "You have answered this invitation in this tab already: "
                <a href=survey>"change your answers"</a> " or " <a href=share>"share them"</a>
                ". Starting again would count you as another person."
            </p>
        }
    });
    let mode = match check.anonymity {
        Anonymity::Anonymous => {
            "Anonymous: no names are kept, and the team sees figures, never one person's answers."
        }
        Anonymity::Named => "Named: you enter your name, and your answers may be shown by name.",
    };
    view! {
        <p class="eyebrow">"Invitation to a team check"</p>
        <h1 tabindex="-1" data-testid="join-title">{check.name.clone()}</h1>
        <p data-testid="join-questionnaire">
            <strong>{q.title.clone()}</strong>
            {format!(" · {} statements", q.item_count())}
        </p>
        <p>{mode}</p>
        {again}
        <p class="note">
            "Starting adds this team check to this device and opens its statements. When you "
            "finish, teamshape makes a link to your answers for you to send to the person who runs it. "
            {LINK_HOLDS_ANSWERS}
        </p>
        <div class="actions">
            {named.then(|| view! {
                <label>"Your name " <input type="text" data-testid="respondent-name"
                    maxlength=teamshape_core::limits::MAX_NAME_UNITS
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            })}
            <button class="primary" data-testid="join-start" on:click=start>"Start my answers"</button>
            <a class="button" href="#/">"Not now"</a>
        </div>
    }
    .into_any()
}

/// A response link, opened: whose check it is for, and adding it there (through the same
/// import as files) or keeping it as one's own answers.
#[component]
pub fn OpenAnswers(payload: String) -> impl IntoView {
    let app = use_app();
    const SOURCE: &str = "the link";
    let (for_check, response) = match app.peek_link(Kind::Answers, SOURCE, &payload) {
        Ok((
            for_check,
            format::Read {
                document: Document::Response(r),
                ..
            },
        )) => (for_check, r),
        Ok(_) => {
            return refused(
                "These answers cannot be opened",
                "it holds no answers".into(),
            );
        }
        Err(error) => return refused("These answers cannot be opened", error.reason()),
    };
    let q = app.questionnaire_of(&response.questionnaire);
    let here: Option<TeamCheck> = for_check.as_deref().and_then(|id| app.check(id));
    let outcomes = RwSignal::new(Vec::<FileOutcome>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let payload = StoredValue::new(payload);
    let summary = format!(
        "Answers to \"{}\": {} of {} statements answered.",
        q.title,
        response.answered_count(),
        q.item_count()
    );
    let action = match (here, for_check) {
        (Some(check), _) => {
            let check_id = StoredValue::new(check.id.clone());
            let add = move |_| {
                spawn_local(async move {
                    let incoming = vec![Incoming::Link {
                        name: SOURCE.to_string(),
                        payload: payload.get_value(),
                    }];
                    let ask =
                        |question: &str| window().confirm_with_message(question).unwrap_or(false);
                    let results = app
                        .import_into_check(check_id.get_value(), incoming, progress, ask)
                        .await;
                    outcomes.set(results);
                });
            };
            view! {
                <p>{format!("They are for the team check \"{}\" on this device.", check.name)}</p>
                <div class="actions">
                    <button class="primary" data-testid="add-link" on:click=add>{format!("Add them to \"{}\"", check.name)}</button>
                    <a class="button" href=Screen::TeamCheck { check: check.id.clone() }.href()>"Open the team check"</a>
                </div>
            }
            .into_any()
        }
        (None, Some(_)) => view! {
            <p data-testid="link-other-device">
                "They are for a team check this device does not have. The person who runs it adds "
                "them by pasting this link under \"Paste answers\" on the team check's page."
            </p>
        }
        .into_any(),
        (None, None) => {
            let keep = StoredValue::new(response);
            let keep_here = move |_| {
                let r = keep.get_value();
                let id = r.id.clone();
                app.absorb(Document::Response(r), true);
                navigate(&Screen::Results { response: id });
            };
            view! {
                <div class="actions">
                    <button class="primary" data-testid="keep-link" on:click=keep_here>"Keep them on this device"</button>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <p class="eyebrow">"Shared answers"</p>
        <h1 tabindex="-1">"Someone's answers, from a link"</h1>
        <p data-testid="answers-summary">{summary}</p>
        <p class="note">"This link holds one person's answers and comments."</p>
        {action}
        {move || {
            let list = outcomes.get();
            (!list.is_empty()).then(|| view! {
                <ul class="outcomes" data-testid="import-outcomes">
                    {list.into_iter().map(|o| view! {
                        <li class:error=!o.ok><strong>{o.name}</strong> ": " {o.text}</li>
                    }).collect_view()}
                </ul>
            })
        }}
    }
    .into_any()
}

/// A team check's invitation: its link, and its QR code, large on a projector and in print.
#[component]
pub fn Invite(check: TeamCheck) -> impl IntoView {
    let app = use_app();
    let q = app.questionnaire_of(&check.questionnaire);
    // A built-in questionnaire is named; the team's own travels inside the link.
    let carry = !app.is_builtin(&check.questionnaire);
    let payload = link::invitation_payload(&check, &q, carry);
    let url = format!(
        "{}{}",
        browser::app_address(),
        LinkScreen::Join(payload).href()
    );
    let qr = link::qr_svg(&url);
    let large = RwSignal::new(false);
    let closing = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            large.set(false);
        }
    });
    on_cleanup(move || closing.remove());
    let print = move |_| {
        // Only the invitation on paper: a class on <body> while printing (no style attribute).
        let body = document().body();
        if let Some(body) = &body {
            let _ = body.class_list().add_1("print-invite");
        }
        let _ = window().print();
        if let Some(body) = &body {
            let _ = body.class_list().remove_1("print-invite");
        }
    };
    let title = format!("Team check: {}", check.name);
    view! {
        <section aria-labelledby="invite-heading" class="panel invite" data-testid="invite">
            <h2 id="invite-heading">"Invite people to answer on their own devices"</h2>
            <p class="print-only invite-name">{check.name.clone()}</p>
            <p class="print-only">"Scan the code with your phone's camera to answer this team check."</p>
            <p class="invite-help">
                "Send this link in the team's chat, or show the QR code. Opening it adds this "
                "team check to their device and starts their answers; when they finish, they "
                "send you a link to their answers, which you paste below."
            </p>
            <LinkBox link=url title what="invitation link"/>
            {match qr {
                Some(svg) => view! {
                    <div class="qr-frame" class:qr-large=large data-testid="invite-qr-frame">
                        <div class="qr" role="img" aria-label="QR code of the invitation link"
                            data-testid="invite-qr" inner_html=svg></div>
                        <button class="no-print qr-close" on:click=move |_| large.set(false)>"Close (Esc)"</button>
                    </div>
                    <div class="actions no-print">
                        <button data-testid="qr-large" on:click=move |_| large.set(true)>"Show the QR code large (projector)"</button>
                        <button data-testid="print-invite" on:click=print>"Print the invitation"</button>
                    </div>
                }
                .into_any(),
                None => view! {
                    <p class="hint" data-testid="qr-too-long">
                        "This invitation is too long for a QR code, because this team check's own "
                        "questionnaire travels inside it: share the link."
                    </p>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The text pasted under "Paste answers": every response link in it, named in order.
pub fn pasted_links(text: &str) -> Vec<Incoming> {
    link::find(text)
        .into_iter()
        .enumerate()
        .map(|(index, found)| Incoming::Link {
            name: format!("link {}", index + 1),
            payload: found.payload,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_screen_round_trips_through_its_link() {
        for screen in [
            LinkScreen::Answers("eJw-_9".into()),
            LinkScreen::Join("eJw-_9".into()),
            LinkScreen::Share {
                check: None,
                response: "r".into(),
            },
            LinkScreen::Share {
                check: Some("c".into()),
                response: "r".into(),
            },
        ] {
            let Screen::Link(path) = Screen::from_hash(&screen.href()) else {
                panic!("not a link screen: {}", screen.href());
            };
            assert_eq!(LinkScreen::parse(&path), Some(screen));
        }
        assert_eq!(LinkScreen::parse("answers"), None);
        assert_eq!(LinkScreen::parse("join/a/b"), None);
        assert_eq!(LinkScreen::parse("share/r/c/x"), None);
    }
}
