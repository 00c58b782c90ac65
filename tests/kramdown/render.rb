# Renders Markdown bodies with kramdown as Jekyll does (GFM input) and prints, per body, the
# heading ids and link targets of the HTML. Input: JSON list of strings on stdin; output: JSON
# list of {"ids": [...], "hrefs": [...]}.
require "json"
require "cgi"
require "kramdown"
require "kramdown-parser-gfm"

options = { input: "GFM", hard_wrap: false, auto_ids: true, smart_quotes: "lsquo,rsquo,ldquo,rdquo" }
out = JSON.parse($stdin.read).map do |body|
  html = Kramdown::Document.new(body, options).to_html
  ids = html.scan(/<h[1-6](?: id="([^"]*)")?>/).map { |(id)| id ? CGI.unescapeHTML(id) : nil }
  hrefs = html.scan(/<a\b[^>]*?\bhref="([^"]*)"/).map { |(href)| CGI.unescapeHTML(href) }
  { "ids" => ids, "hrefs" => hrefs }
end
puts JSON.generate(out)
