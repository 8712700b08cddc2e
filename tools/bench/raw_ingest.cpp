// raw_ingest: the ceiling for ingest. Writes records shaped like an alert's (one document, its
// index entries, an event and a statistics record: sizes given on the command line, measured
// from the real ones) straight into RocksDB with the same durability and concurrency as the
// server, with no parsing, validation or service in between.
//
//   soj_raw_ingest DIR --writers 32 --alerts 20000 [--sync]     one WriteBatch per alert,
//                                                              from W threads
//   soj_raw_ingest DIR --bulk --alerts 1000000                 batches of 1,000, unsynced,
//                                                              flushed at the end (as import)
// Prints alerts per second. Sizes: --doc-bytes 2000 --index-entries 20 --index-bytes 40.

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Shape {
  std::size_t doc_bytes = 2000;
  std::size_t index_entries = 20;
  std::size_t index_bytes = 40;
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
  for (std::size_t i = 0; i < shape.index_entries; ++i) {
    std::string entry(shape.index_bytes - 8, static_cast<char>('a' + i % 26));
    batch.Put(cf[2], entry + Key(id), "");
  }
  batch.Put(cf[3], Key(id), std::string(300, 'e'));
  batch.Put(cf[4], Key(id), std::string(40, 's'));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: soj_raw_ingest DIR [--writers W] [--alerts N] [--sync|--bulk]\n");
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
