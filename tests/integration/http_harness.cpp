#include "tests/integration/http_harness.hpp"

#include <signal.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <stdexcept>
#include <thread>

namespace soj::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string HttpResult::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

boost::json::value HttpResult::Json() const {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  return ec ? boost::json::value() : value;
}

HttpResult Send(uint16_t port, const HttpCall& call) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> request{http::string_to_verb(call.method), call.target, 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  request.set(http::field::connection, "close");
  if (!call.token.empty()) request.set(http::field::authorization, "Bearer " + call.token);
  for (const auto& [name, value] : call.headers) request.set(name, value);
  if (!call.body.empty() || call.method == "POST" || call.method == "PATCH") {
    request.body() = call.body;
    request.prepare_payload();
  }
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1ull << 32);
  if (call.method == "HEAD") parser.skip(true);
  http::read(stream, buffer, parser);
  HttpResult result;
  result.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get())
    result.headers[Lower(std::string(field.name_string()))] = std::string(field.value());
  result.body = parser.get().body();
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return result;
}

HttpResult Get(uint16_t port, const std::string& target, const std::string& token) {
  return Send(port, {"GET", target, "", {}, token});
}

HttpResult PostJson(uint16_t port, const std::string& target, const std::string& json,
                    const std::string& token) {
  return Send(port, {"POST", target, json, {{"Content-Type", "application/json"}}, token});
}

std::string SendRaw(uint16_t port, const std::string& bytes, int timeout_ms) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  stream.expires_after(std::chrono::milliseconds(timeout_ms));
  beast::error_code ec;
  asio::write(stream.socket(), asio::buffer(bytes), ec);
  std::string out;
  char buffer[16384];
  while (true) {
    stream.expires_after(std::chrono::milliseconds(timeout_ms));
    std::size_t n = stream.read_some(asio::buffer(buffer), ec);
    out.append(buffer, n);
    if (ec) break;
  }
  return out;
}

std::vector<std::string> ProblemFields(const HttpResult& result) {
  std::vector<std::string> fields;
  boost::json::value body = result.Json();
  if (!body.is_object()) return fields;
  const boost::json::value* errors = body.as_object().if_contains("errors");
  if (errors == nullptr || !errors->is_array()) return fields;
  for (const auto& e : errors->as_array())
    if (e.is_object() && e.as_object().contains("field") && e.at("field").is_string())
      fields.emplace_back(e.at("field").as_string());
  return fields;
}

int SearchTotal(uint16_t port, const std::string& query) {
  for (int waited = 0; waited < 120'000; waited += 50) {
    HttpResult result = Get(port, "/api/v1/alerts?q=" + query);
    if (result.status == 200) return result.Json().at("total").to_number<int>();
    if (result.status != 503) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

int64_t MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

CommandResult RunAdmin(std::vector<std::string> args) {
  args.insert(args.begin(), SOJ_ADMIN_PATH);
  return RunCommand(args);
}

ServerProcess::ServerProcess(std::vector<std::string> extra_args, const TempDir* data)
    : extra_args_(std::move(extra_args)) {
  if (data == nullptr) {
    owned_dir_ = std::make_unique<TempDir>();
    data = owned_dir_.get();
  }
  data_dir_ = data->str();
  auto created =
      RunAdmin({"token", "create", "--data", data_dir_, "--role", "admin", "--name", "test admin"});
  if (created.exit_code != 0) throw std::runtime_error("soj-admin token create: " + created.err);
  std::string out = created.out.substr(0, created.out.find_last_not_of('\n') + 1);
  admin_token_ = out.substr(out.find_last_of('\n') + 1);
  Launch();
}

void ServerProcess::Launch() {
  std::vector<std::string> argv = {SOJ_TRACKER_PATH, "serve",       "--data",   data_dir_,
                                   "--listen",       "127.0.0.1:0", "--no-demo"};
  // Tests drive the server from one address far faster than any person: without limits,
  // unless the test is about them.
  auto has = [&](std::string_view flag) {
    return std::find(extra_args_.begin(), extra_args_.end(), flag) != extra_args_.end();
  };
  if (!has("--rate-limit-ip")) argv.insert(argv.end(), {"--rate-limit-ip", "0"});
  if (!has("--rate-limit-token")) argv.insert(argv.end(), {"--rate-limit-token", "0"});
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  child_ = std::make_unique<ChildProcess>(argv);
  port_ = WaitForPort(*child_);
  if (port_ == 0) throw std::runtime_error("soj-tracker did not start listening");
}

uint16_t WaitForPort(ChildProcess& child, const std::function<void(const std::string&)>& on_line) {
  uint16_t port = 0;
  std::vector<std::string> lines;
  for (int waited = 0; port == 0 && waited < 60'000; waited += 100) {
    child.ReadLines(&lines, 100);
    for (const std::string& line : lines) {
      if (on_line) on_line(line);
      boost::system::error_code ec;
      auto value = boost::json::parse(line, ec);
      if (!ec && value.is_object() && value.as_object().contains("port"))
        port = static_cast<uint16_t>(value.at("port").to_number<int>());
    }
  }
  return port;
}

ServerProcess::~ServerProcess() {
  if (child_) {
    child_->Kill(SIGKILL);
    child_->Wait();
  }
}

std::string ServerProcess::CreateToken(const std::string& role, const std::string& partner,
                                       const std::string& country) {
  boost::json::object body{{"role", role}, {"name", "test " + role}};
  if (!partner.empty()) body["partner"] = partner;
  if (!country.empty()) body["country"] = country;
  HttpResult result = PostJson(port_, "/api/v1/tokens", boost::json::serialize(body), admin_token_);
  if (result.status != 201) throw std::runtime_error("token create failed: " + result.body);
  return std::string(result.Json().at("secret").as_string());
}

int ServerProcess::pid() const { return child_ ? static_cast<int>(child_->pid()) : -1; }

void ServerProcess::Kill(int signal) { child_->Kill(signal); }

int ServerProcess::Wait() {
  int code = child_->Wait();
  child_.reset();
  return code;
}

void ServerProcess::Restart() {
  port_ = 0;
  Launch();
}

}  // namespace soj::testing
