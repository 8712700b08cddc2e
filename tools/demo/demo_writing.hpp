#pragma once
// Writing a demo alert up from its facts. Internal to tools/demo.

#include <string>

#include "tools/demo/demo_random.hpp"
#include "tools/demo/demo_story.hpp"

namespace soj::tools::demo {

// Fills story.slots and sets the title, description, translations (about one alert in ten)
// and sources of story.content, as the submitter writes them on `submitted`.
void WriteUp(Rng& rng, Story& story, tracker::Date submitted);

// A partner's name as it stands in a sentence: "the European Federation of Journalists".
std::string PartnerPhrase(const DatasetShape& shape, const std::string& id);

}  // namespace soj::tools::demo
