// raw_ingest: the ceiling for ingest. Writes records shaped like an alert's (one document, its
// index entries, an event and a statistics record: sizes given on the command line, measured
// from the real ones) straight into RocksDB with the same durability and concurrency as the
// server, with no parsing, validation or service in between.
//
//   soj_raw_ingest DIR --writers 32 --alerts 20000 [--sync]     one WriteBatch per alert,
//                                                              from W threads
//   soj_raw_ingest DIR --bulk --alerts 1000000                 batches of 1,000, unsynced,
//                                                              flushed at the end (as import)
// Prints alerts per second. Sizes: --doc-bytes 2000 --index-entries 20 --index-bytes 40
// --index-value-bytes 0 --event-bytes 300 --stats-bytes 40.
//   soj_raw_ingest --shape-of STORE     prints those options for the first alert of a
//                                       soj-tracker store (its document, the index entries
//                                       that end with its id, its first event, its statistics
//                                       record), read while that server may still run

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

struct Shape {
  std::size_t doc_bytes = 2000;
  std::size_t index_entries = 20;
  std::size_t index_bytes = 40;
  std::size_t index_value_bytes = 0;
  std::size_t event_bytes = 300;
  std::size_t stats_bytes = 40;
};

std::string Key(uint64_t n) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, n >>= 8) key[static_cast<std::size_t>(i)] = static_cast<char>(n);
  return key;
}

// What one alert writes: the document, index entries, an event and a statistics record.
void AddAlert(rocksdb::WriteBatch& batch, uint64_t id, const Shape& shape,
              const std::vector<rocksdb::ColumnFamilyHandle*>& cf) {
  const std::string doc(shape.doc_bytes, 'd');
  batch.Put(cf[1], Key(id), doc);
  const std::string index_value(shape.index_value_bytes, 'v');
  for (std::size_t i = 0; i < shape.index_entries; ++i) {
    std::string entry(shape.index_bytes - 8, static_cast<char>('a' + i % 26));
    batch.Put(cf[2], entry + Key(id), index_value);
  }
  batch.Put(cf[3], Key(id), std::string(shape.event_bytes, 'e'));
  batch.Put(cf[4], Key(id), std::string(shape.stats_bytes, 's'));
}

// The sizes of what the first alert of the soj-tracker store in `dir` wrote. False (and a
// message) when the store cannot be read or holds no alert.
bool ShapeOf(const std::string& dir, Shape& shape) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (s.ok()) s = rocksdb::DB::OpenForReadOnly(rocksdb::Options(), dir, families, &handles, &raw);
  if (!s.ok()) {
    std::fprintf(stderr, "--shape-of %s: %s\n", dir.c_str(), s.ToString().c_str());
    return false;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  const auto family = [&](std::string_view name) -> rocksdb::ColumnFamilyHandle* {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return handles[i];
    return nullptr;
  };
  const auto first = [&](rocksdb::ColumnFamilyHandle* handle, std::string* key,
                         std::string* value) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handle));
    it->SeekToFirst();
    if (!it->Valid()) return false;
    *key = it->key().ToString();
    *value = it->value().ToString();
    return true;
  };
  std::string id, document, event_key, event, stats;
  bool ok = family("alerts") && family("index") && family("events") && family("stats") &&
            first(family("alerts"), &id, &document) &&
            first(family("events"), &event_key, &event) &&
            db->Get(rocksdb::ReadOptions(), family("stats"), id, &stats).ok();
  if (ok) {
    std::size_t entries = 0, key_bytes = 0, value_bytes = 0;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), family("index")));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (it->key().ends_with(id)) {
        ++entries;
        key_bytes += it->key().size();
        value_bytes += it->value().size();
      }
    ok = entries > 0;
    if (ok)
      shape = {document.size(),       entries,      std::max<std::size_t>(key_bytes / entries, 9),
               value_bytes / entries, event.size(), stats.size()};
  }
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  if (!ok) std::fprintf(stderr, "--shape-of %s: no alert with its records found\n", dir.c_str());
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string_view(argv[1]) == "--shape-of") {
    Shape shape;
    if (!ShapeOf(argv[2], shape)) return 1;
    std::printf(
        "--doc-bytes %zu --index-entries %zu --index-bytes %zu --index-value-bytes %zu "
        "--event-bytes %zu --stats-bytes %zu\n",
        shape.doc_bytes, shape.index_entries, shape.index_bytes, shape.index_value_bytes,
        shape.event_bytes, shape.stats_bytes);
    return 0;
  }
  constexpr const char* kUsage =
      "usage: soj_raw_ingest DIR [--writers W] [--alerts N] [--sync|--bulk] [--doc-bytes B]\n"
      "         [--index-entries N] [--index-bytes B] [--index-value-bytes B] [--event-bytes B]\n"
      "         [--stats-bytes B]\n"
      "       soj_raw_ingest --shape-of STORE\n";
  // A first argument like --help is not a directory to fill with a new database.
  if (argc < 2 || argv[1][0] == '-') {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string dir = argv[1];
  std::size_t writers = 1, alerts = 10000;
  bool sync = false, bulk = false;
  Shape shape;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&] { return i + 1 < argc ? std::stoul(argv[++i]) : 0ul; };
    if (arg == "--writers")
      writers = next();
    else if (arg == "--alerts")
      alerts = next();
    else if (arg == "--sync")
      sync = true;
    else if (arg == "--bulk")
      bulk = true;
    else if (arg == "--doc-bytes")
      shape.doc_bytes = next();
    else if (arg == "--index-entries")
      shape.index_entries = next();
    else if (arg == "--index-bytes")
      shape.index_bytes = std::max<std::size_t>(next(), 9);
    else if (arg == "--index-value-bytes")
      shape.index_value_bytes = next();
    else if (arg == "--event-bytes")
      shape.event_bytes = next();
    else if (arg == "--stats-bytes")
      shape.stats_bytes = next();
    else {
      std::fprintf(stderr, "unknown option %s\n%s", arg.c_str(), kUsage);
      return 2;
    }
  }
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const char* name : {"default", "alerts", "index", "events", "stats"})
    families.emplace_back(name, rocksdb::ColumnFamilyOptions(options));
  std::vector<rocksdb::ColumnFamilyHandle*> cf;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir, families, &cf, &db);
  if (!s.ok()) {
    std::fprintf(stderr, "open: %s\n", s.ToString().c_str());
    return 1;
  }
  rocksdb::WriteOptions write;
  write.sync = sync && !bulk;
  std::atomic<uint64_t> next_id{1};
  std::atomic<bool> failed{false};
  const auto start = std::chrono::steady_clock::now();
  if (bulk) {
    for (uint64_t id = 1; id <= alerts && !failed;) {
      rocksdb::WriteBatch batch;
      for (int k = 0; k < 1000 && id <= alerts; ++k, ++id) AddAlert(batch, id, shape, cf);
      failed = !db->Write(write, &batch).ok();
    }
    rocksdb::FlushOptions flush;
    for (auto* handle : cf) failed = failed || !db->Flush(flush, handle).ok();
  } else {
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < writers; ++w)
      threads.emplace_back([&] {
        for (uint64_t id = next_id++; id <= alerts && !failed; id = next_id++) {
          rocksdb::WriteBatch batch;
          AddAlert(batch, id, shape, cf);
          if (!db->Write(write, &batch).ok()) failed = true;
        }
      });
    for (auto& t : threads) t.join();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (auto* handle : cf) db->DestroyColumnFamilyHandle(handle);
  delete db;
  if (failed) {
    std::fprintf(stderr, "a write failed\n");
    return 1;
  }
  std::printf("%zu alerts in %.2f s: %.0f alerts/s (%s, %zu writer%s)\n", alerts, seconds,
              alerts / seconds,
              bulk   ? "bulk"
              : sync ? "synced"
                     : "unsynced",
              bulk ? 1 : writers, !bulk && writers > 1 ? "s" : "");
  return 0;
}
