//! Screens, reached by hash links (`#/...`) so that reload, back/forward and deep links work on
//! any static host under any sub-path. Parsing is pure and tested natively.

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Home,
    /// One dimension of a solo response, by position (0-based).
    Survey {
        response: String,
        dimension: usize,
    },
    Results {
        response: String,
    },
    NewTeamCheck,
    TeamCheck {
        check: String,
    },
    /// One respondent filling in a team check on a shared device.
    TeamSurvey {
        check: String,
        response: String,
        dimension: usize,
    },
    /// Between two people on a shared device: the last person's answers are out of sight.
    HandOver {
        check: String,
    },
    /// Every questionnaire this device has: answer, copy, edit, export, import.
    Questionnaires,
    /// The questionnaire being edited (the draft), or its preview: the real survey.
    Editor {
        preview: bool,
    },
    /// A screen of links (issue 15), as its path after `#/`: `answers/<payload>`,
    /// `join/<payload>`, `share/<response>` or `share/<response>/<team check>`. Only routed
    /// here; `links::LinkScreen` parses it in the team module, so the first load stays small.
    Link(String),
    /// A team's checks over time, compared (issue 13).
    History {
        team: String,
    },
    /// This device's own solo checks over time.
    MyHistory,
    NotFound(String),
}

impl Screen {
    /// Parses `location.hash`, with or without the leading `#`. A hash that is not a route
    /// (`#top`, or one a host or tool added) is the home screen, not an error.
    pub fn from_hash(hash: &str) -> Screen {
        let hash_path = hash.trim_start_matches('#');
        if !hash_path.starts_with('/') {
            return Screen::Home;
        }
        let path = hash_path.trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let number = |text: &str| {
            text.parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(|n| n - 1)
        };
        match parts.as_slice() {
            [] => Screen::Home,
            ["survey", response, dimension] => match number(dimension) {
                Some(dimension) => Screen::Survey {
                    response: response.to_string(),
                    dimension,
                },
                None => Screen::NotFound(hash.to_string()),
            },
            ["survey", response] => Screen::Survey {
                response: response.to_string(),
                dimension: 0,
            },
            ["results", response] => Screen::Results {
                response: response.to_string(),
            },
            ["team", "new"] => Screen::NewTeamCheck,
            ["team", check] => Screen::TeamCheck {
                check: check.to_string(),
            },
            ["team", check, "fill", response, dimension] => match number(dimension) {
                Some(dimension) => Screen::TeamSurvey {
                    check: check.to_string(),
                    response: response.to_string(),
                    dimension,
                },
                None => Screen::NotFound(hash.to_string()),
            },
            ["history", "mine"] => Screen::MyHistory,
            ["history", team] => Screen::History {
                team: team.to_string(),
            },
            ["team", check, "hand-over"] => Screen::HandOver {
                check: check.to_string(),
            },
            ["questionnaires"] => Screen::Questionnaires,
            ["editor"] => Screen::Editor { preview: false },
            ["editor", "preview"] => Screen::Editor { preview: true },
            ["answers" | "join" | "share", ..] => Screen::Link(path.to_string()),
            _ => Screen::NotFound(hash.to_string()),
        }
    }

    /// The link to this screen. Dimensions are 1-based in links, as people count them.
    pub fn href(&self) -> String {
        match self {
            Screen::Home | Screen::NotFound(_) => "#/".to_string(),
            Screen::Survey {
                response,
                dimension,
            } => format!("#/survey/{response}/{}", dimension + 1),
            Screen::Results { response } => format!("#/results/{response}"),
            Screen::NewTeamCheck => "#/team/new".to_string(),
            Screen::TeamCheck { check } => format!("#/team/{check}"),
            Screen::TeamSurvey {
                check,
                response,
                dimension,
            } => format!("#/team/{check}/fill/{response}/{}", dimension + 1),
            Screen::HandOver { check } => format!("#/team/{check}/hand-over"),
            Screen::Questionnaires => "#/questionnaires".to_string(),
            Screen::Editor { preview: false } => "#/editor".to_string(),
            Screen::Editor { preview: true } => "#/editor/preview".to_string(),
            Screen::Link(path) => format!("#/{path}"),
            Screen::History { team } => format!("#/history/{team}"),
            Screen::MyHistory => "#/history/mine".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_round_trips_through_its_link() {
        let screens = [
            Screen::Home,
            Screen::Survey {
                response: "r1".into(),
                dimension: 2,
            },
            Screen::Results {
                response: "r1".into(),
            },
            Screen::NewTeamCheck,
            Screen::TeamCheck { check: "c".into() },
            Screen::TeamSurvey {
                check: "c".into(),
                response: "r".into(),
                dimension: 0,
            },
            Screen::HandOver { check: "c".into() },
            Screen::Questionnaires,
            Screen::Editor { preview: false },
            Screen::Editor { preview: true },
            Screen::Link("answers/eJw-_9".into()),
            Screen::Link("join/eJw-_9".into()),
            Screen::Link("share/r/c".into()),
            Screen::History { team: "t".into() },
            Screen::MyHistory,
        ];
        for screen in screens {
            assert_eq!(Screen::from_hash(&screen.href()), screen);
        }
    }

    #[test]
    fn odd_hashes_are_home_or_not_found() {
        assert_eq!(Screen::from_hash(""), Screen::Home);
        assert_eq!(Screen::from_hash("#"), Screen::Home);
        assert_eq!(
            Screen::from_hash("#/survey/r/0"),
            Screen::NotFound("#/survey/r/0".into())
        );
        assert_eq!(
            Screen::from_hash("#/survey/r/x"),
            Screen::NotFound("#/survey/r/x".into())
        );
        assert!(matches!(
            Screen::from_hash("#/nope/a/b/c"),
            Screen::NotFound(_)
        ));
        assert_eq!(
            Screen::from_hash("#/survey/r"),
            Screen::Survey {
                response: "r".into(),
                dimension: 0
            }
        );
    }
}
