#pragma once
// The page renderers, one file each, and the pieces several pages share.

#include <string>
#include <string_view>
#include <vector>

#include "api/http_message.hpp"
#include "dashboards/html.hpp"
#include "dashboards/page_context.hpp"
#include "tracker/model.hpp"

namespace soj::dashboards {

// Public pages: rendered for the public, whoever is signed in (no withheld names, no drafts).
api::HttpResponse HomePage(Page& page);
api::HttpResponse AlertListPage(Page& page);
api::HttpResponse CasePage(Page& page, std::string_view id_text);
api::HttpResponse StatsPage(Page& page);
// A page saying there is nothing at this address.
api::HttpResponse NotFoundPage(Page& page);

// The alert's title in the page language when it has that translation.
std::string_view AlertTitle(const Page& page, const tracker::Alert& alert);
// "Published — awaiting the state's reply", "Resolved on 2 May 2024: …".
std::string StatusInWords(const Page& page, const tracker::Alert& alert);
// A list of alerts (title link, date, country, categories, status).
void AlertList(const Page& page, Html& h, const std::vector<tracker::Alert>& alerts,
               std::string_view link_prefix = "/alerts/");
// "Detention, Harassment" in the page language.
std::string CategoryNames(const Page& page, const std::vector<tracker::Category>& categories);
// Who posted a note, in words: "Authorities of Belarus", "European Federation of Journalists".
std::string PostedBy(const Page& page, std::string_view actor);
// A partner's name from its id (the id when unknown).
std::string PartnerName(const Page& page, std::string_view id);
// A table caption with a CSV link.
void CsvLink(const Page& page, Html& h, const std::string& href);
// Parses a positive decimal alert id.
std::optional<tracker::AlertId> ParseAlertId(std::string_view text);

}  // namespace soj::dashboards
