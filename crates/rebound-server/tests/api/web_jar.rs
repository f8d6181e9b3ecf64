//! A browser in miniature for page flows that span several cookies (a
//! share link or an invitation, the form guard, then a guest or session
//! cookie): it keeps what `Set-Cookie` says, sends it back, follows no
//! redirects, and posts forms with the last page's anti-forgery token.

use crate::harness::TestApp;
use crate::web_harness::Page;

#[derive(Default, Clone, Debug)]
pub struct Jar {
    cookies: Vec<(String, String)>,
    /// Extra headers on every request (an Origin, say).
    pub origin: Option<String>,
}

impl Jar {
    /// A jar holding one `name=value` cookie.
    pub fn with(cookie: &str) -> Jar {
        let mut j = Jar::default();
        if let Some((k, v)) = cookie.split_once('=') {
            j.cookies.push((k.to_string(), v.to_string()));
        }
        j
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `Cookie` header this browser would send.
    pub fn header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, page: &Page) {
        for c in page.headers.get_all("set-cookie") {
            let c = c.to_str().unwrap();
            let pair = c.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            self.cookies.retain(|(name, _)| name != k);
            let gone = c.contains("Max-Age=0") || v.is_empty();
            if !gone {
                self.cookies.push((k.to_string(), v.to_string()));
            }
        }
    }

    pub async fn get_page(&mut self, app: &TestApp, path: &str) -> Page {
        let mut req = client()
            .get(format!("{}{path}", app.base))
            .header("accept", "text/html");
        if !self.cookies.is_empty() {
            req = req.header("cookie", self.header());
        }
        let page = page(req.send().await.unwrap()).await;
        self.keep(&page);
        page
    }

    /// Posts exactly `fields` (add the `csrf` yourself, or leave it out).
    pub async fn post(&mut self, app: &TestApp, action: &str, fields: &[(&str, &str)]) -> Page {
        let mut req = client()
            .post(format!("{}{action}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(fields).unwrap());
        if !self.cookies.is_empty() {
            req = req.header("cookie", self.header());
        }
        if let Some(o) = &self.origin {
            req = req.header("origin", o);
        }
        let page = page(req.send().await.unwrap()).await;
        self.keep(&page);
        page
    }

    /// Opens `page_path`, then posts `fields` to `action` with its token.
    pub async fn submit(
        &mut self,
        app: &TestApp,
        page_path: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        let csrf = self.get_page(app, page_path).await.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(app, action, &all).await
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn page(r: reqwest::Response) -> Page {
    Page {
        status: r.status(),
        headers: r.headers().clone(),
        html: r.text().await.unwrap(),
    }
}

/// The value of the `<input id="{id}" … value="…">` on a page.
pub fn input_value(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[at..tag_end];
    let v = tag.find("value=\"")? + "value=\"".len();
    Some(tag[v..v + tag[v..].find('"')?].to_string())
}
