#pragma once
// Files compiled into the binary (dashboards/CMakeLists.txt generates the table): translation
// files and the static assets the pages use, each with a content-hashed public name.

#include <cstddef>
#include <span>
#include <string_view>

namespace soj::dashboards {

struct EmbeddedFile {
  std::string_view name;          // "app.js", "i18n/fr.json"
  std::string_view hashed_name;   // "app.3f9a1c2b7d.js": changes whenever the content does
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::span<const unsigned char> bytes;

  std::string_view Text() const {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
};

std::span<const EmbeddedFile> EmbeddedFiles();
// Null when there is no such file.
const EmbeddedFile* FindEmbeddedFile(std::string_view name);
const EmbeddedFile* FindEmbeddedFileByHashedName(std::string_view hashed_name);

}  // namespace soj::dashboards
