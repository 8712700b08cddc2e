// TLS on the server's single port: a self-signed ECDSA P-256 certificate made with the openssl
// CLI, a Beast ssl_stream client that trusts it, HSTS, no TLS below 1.2, plain HTTP redirected
// with 308, a clean close_notify, and a clear refusal to start with a key that does not fit.

#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "tests/integration/http_harness.hpp"

namespace soj::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// A certificate for 127.0.0.1 with its key, and a second key that does not belong to it.
struct TlsFiles {
  TempDir dir;
  std::string cert = (dir.path() / "cert.pem").string();
  std::string key = (dir.path() / "key.pem").string();
  std::string other_key = (dir.path() / "other-key.pem").string();
  std::string garbage = (dir.path() / "garbage.pem").string();

  TlsFiles() {
    CommandResult made = RunCommand({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec",
                                     "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days",
                                     "1", "-subj", "/CN=127.0.0.1", "-addext",
                                     "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert});
    if (made.exit_code != 0) throw std::runtime_error("openssl req failed: " + made.err);
    CommandResult other = RunCommand({"/usr/bin/openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                                      "ec_paramgen_curve:prime256v1", "-out", other_key});
    if (other.exit_code != 0) throw std::runtime_error("openssl genpkey failed: " + other.err);
    std::ofstream(garbage) << "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n";
  }
};

// Client settings: trust exactly the test certificate; optionally allow old protocol versions
// (the system's default security level would refuse TLS 1.1 on the client side already, and
// then the test would prove nothing about the server).
std::unique_ptr<ssl::context> ClientContext(const std::string& trusted_cert, int min_version,
                                            int max_version) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  context->load_verify_file(trusted_cert);
  context->set_verify_mode(ssl::verify_peer);
  SSL_CTX* native = context->native_handle();
  if (min_version < TLS1_2_VERSION) {
    SSL_CTX_set_security_level(native, 0);
    SSL_CTX_set_cipher_list(native, "DEFAULT:@SECLEVEL=0");
  }
  SSL_CTX_set_min_proto_version(native, min_version);
  SSL_CTX_set_max_proto_version(native, max_version);
  return context;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// One TLS connection to the server.
class TlsClient {
 public:
  TlsClient(uint16_t port, ssl::context& context) : port_(port), stream_(io_, context) {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(stream_).connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // Check that the certificate is for this address, not only that it is trusted.
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(stream_.native_handle()), "127.0.0.1");
  }

  beast::error_code Handshake() {
    beast::error_code ec;
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
    stream_.handshake(ssl::stream_base::client, ec);
    return ec;
  }

  HttpResult Get(const std::string& target, bool close = false) {
    http::request<http::empty_body> request{http::verb::get, target, 11};
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    if (close) request.set(http::field::connection, "close");
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
    http::write(stream_, request);
    http::response_parser<http::string_body> parser;
    http::read(stream_, buffer_, parser);
    HttpResult result;
    result.status = static_cast<int>(parser.get().result_int());
    for (const auto& field : parser.get())
      result.headers[Lower(std::string(field.name_string()))] = std::string(field.value());
    result.body = parser.get().body();
    return result;
  }

  // After a `Connection: close` response: how the stream ends (eof after close_notify, or
  // stream_truncated when the TCP connection ends without it).
  beast::error_code ReadToEnd() {
    beast::error_code ec;
    char byte;
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    while (!ec) stream_.read_some(asio::buffer(&byte, 1), ec);
    return ec;
  }

  const char* version() { return SSL_get_version(stream_.native_handle()); }

 private:
  uint16_t port_;
  asio::io_context io_;
  beast::flat_buffer buffer_;
  beast::ssl_stream<beast::tcp_stream> stream_;
};

std::vector<std::string> TlsArgs(const TlsFiles& files) {
  return {"--tls-cert", files.cert, "--tls-key", files.key};
}

// Runs `soj-tracker serve` to its end (bounded by coreutils timeout: 124 if it kept running).
constexpr int kKeptRunning = 124;
CommandResult RunServe(const TempDir& data, std::vector<std::string> extra) {
  std::vector<std::string> argv = {"/usr/bin/timeout", "20",       SOJ_TRACKER_PATH, "serve",
                                   "--data",           data.str(), "--listen",       "127.0.0.1:0",
                                   "--no-demo"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return RunCommand(argv);
}

// ---------------------------------------------------------------------------------------------

TEST(HttpTls, ServesHttpsWithHstsAndKeepAlive) {
  TlsFiles files;
  ServerProcess server(TlsArgs(files));
  auto context = ClientContext(files.cert, TLS1_2_VERSION, 0);
  TlsClient client(server.port(), *context);
  ASSERT_FALSE(client.Handshake()) << "TLS handshake with the server failed";
  HttpResult health = client.Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_NE(health.Header("strict-transport-security").find("max-age="), std::string::npos);
  // The same TLS connection serves more requests.
  HttpResult countries = client.Get("/api/v1/countries");
  EXPECT_EQ(countries.status, 200);
  EXPECT_EQ(countries.Json().at("items").as_array().size(), 48u);
  EXPECT_FALSE(countries.Header("strict-transport-security").empty());
}

TEST(HttpTls, ErrorResponsesOverTlsCarryHstsToo) {
  TlsFiles files;
  ServerProcess server(TlsArgs(files));
  auto context = ClientContext(files.cert, TLS1_2_VERSION, 0);
  TlsClient client(server.port(), *context);
  ASSERT_FALSE(client.Handshake());
  HttpResult missing = client.Get("/nowhere");
  EXPECT_EQ(missing.status, 404);
  EXPECT_FALSE(missing.Header("strict-transport-security").empty())
      << "a 404 over TLS has no Strict-Transport-Security";
  EXPECT_EQ(missing.Header("x-content-type-options"), "nosniff");
}

TEST(HttpTls, TlsBelow12IsRefusedAnd12And13Work) {
  TlsFiles files;
  ServerProcess server(TlsArgs(files));
  {
    auto context = ClientContext(files.cert, TLS1_VERSION, TLS1_1_VERSION);
    TlsClient client(server.port(), *context);
    EXPECT_TRUE(client.Handshake()) << "the server accepted TLS 1.1";
  }
  {
    auto context = ClientContext(files.cert, TLS1_VERSION, TLS1_VERSION);
    TlsClient client(server.port(), *context);
    EXPECT_TRUE(client.Handshake()) << "the server accepted TLS 1.0";
  }
  {
    // Control: the same permissive client settings, allowed up to 1.2, do connect.
    auto context = ClientContext(files.cert, TLS1_VERSION, TLS1_2_VERSION);
    TlsClient client(server.port(), *context);
    ASSERT_FALSE(client.Handshake());
    EXPECT_STREQ(client.version(), "TLSv1.2");
    EXPECT_EQ(client.Get("/healthz").status, 200);
  }
  {
    auto context = ClientContext(files.cert, TLS1_3_VERSION, TLS1_3_VERSION);
    TlsClient client(server.port(), *context);
    ASSERT_FALSE(client.Handshake());
    EXPECT_STREQ(client.version(), "TLSv1.3");
    EXPECT_EQ(client.Get("/healthz").status, 200);
  }
  EXPECT_EQ(Get(server.port(), "/healthz").status, 308);  // still serving
}

TEST(HttpTls, PlainHttpOnTheTlsPortIsRedirected) {
  TlsFiles files;
  {
    ServerProcess server(TlsArgs(files));
    HttpResult plain = Get(server.port(), "/api/v1/alerts?country=BY");
    EXPECT_EQ(plain.status, 308);
    EXPECT_EQ(plain.Header("location"),
              "https://127.0.0.1:" + std::to_string(server.port()) + "/api/v1/alerts?country=BY");
  }
  {
    std::vector<std::string> args = TlsArgs(files);
    args.insert(args.end(), {"--public-url", "https://alerts.example.org/"});
    ServerProcess server(args);
    HttpResult plain = Get(server.port(), "/healthz");
    EXPECT_EQ(plain.status, 308);
    EXPECT_EQ(plain.Header("location"), "https://alerts.example.org/healthz");
  }
}

TEST(HttpTls, ConnectionCloseEndsWithCloseNotify) {
  TlsFiles files;
  ServerProcess server(TlsArgs(files));
  auto context = ClientContext(files.cert, TLS1_2_VERSION, 0);
  TlsClient client(server.port(), *context);
  ASSERT_FALSE(client.Handshake());
  EXPECT_EQ(client.Get("/healthz", /*close=*/true).status, 200);
  // A clean TLS close (close_notify, then EOF), not a truncated stream: clients that read to
  // the end (curl with OpenSSL 3) report truncation as an error.
  beast::error_code end = client.ReadToEnd();
  EXPECT_EQ(end, asio::error::eof) << "the TLS stream ended with: " << end.message();
}

TEST(HttpTls, AKeyThatDoesNotFitStopsTheServerWithAClearMessage) {
  TlsFiles files;
  TempDir data;
  CommandResult mismatched =
      RunServe(data, {"--tls-cert", files.cert, "--tls-key", files.other_key});
  EXPECT_NE(mismatched.exit_code, 0);
  EXPECT_NE(mismatched.exit_code, kKeptRunning)
      << "the server started with a key of another certificate";
  EXPECT_NE(mismatched.err.find("--tls-key"), std::string::npos) << mismatched.err;
  EXPECT_EQ(mismatched.out.find("listening"), std::string::npos) << mismatched.out;

  CommandResult garbage = RunServe(data, {"--tls-cert", files.cert, "--tls-key", files.garbage});
  EXPECT_NE(garbage.exit_code, 0);
  EXPECT_NE(garbage.exit_code, kKeptRunning);
  EXPECT_NE(garbage.err.find("--tls-key"), std::string::npos) << garbage.err;

  CommandResult absent = RunServe(
      data, {"--tls-cert", files.cert, "--tls-key", (data.path() / "absent.pem").string()});
  EXPECT_NE(absent.exit_code, 0);
  EXPECT_NE(absent.exit_code, kKeptRunning);
  EXPECT_NE(absent.err.find("--tls-key"), std::string::npos) << absent.err;

  CommandResult no_key = RunServe(data, {"--tls-cert", files.cert});
  EXPECT_NE(no_key.exit_code, 0);
  EXPECT_NE(no_key.exit_code, kKeptRunning);
  EXPECT_NE(no_key.err.find("--tls-key"), std::string::npos) << no_key.err;
}

// --- Behind a reverse proxy (docs/deploy.md): --trusted-proxy ---------------------------------

// Signs in at `port` with `token`, sending `headers`; returns the answer (303 with the cookie).
HttpResult SignIn(uint16_t port, const std::string& token,
                  std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return Send(port, HttpCall{"POST", "/signin", "token=" + token, std::move(headers), ""});
}

// Only a trusted proxy is believed about the client's scheme and address; what it says makes
// the desk cookie __Host- and Secure, sends HSTS, and counts rate limits per real client.
TEST(HttpTls, OnlyATrustedProxyIsBelievedAboutTheClientsSchemeAndAddress) {
  const std::vector<std::string> limits = {"--rate-limit-ip", "1", "--rate-burst-ip", "10"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), limits.begin(), limits.end());
    return args;
  };
  ServerProcess trusted(with({"--trusted-proxy", "10.9.0.0/16,127.0.0.1"}));
  ServerProcess untrusted(with({"--trusted-proxy", "10.9.0.0/16"}));
  const std::string token = trusted.CreateToken("partner", "efj");
  const std::string other_token = untrusted.CreateToken("partner", "efj");
  const std::pair<std::string, std::string> https = {"X-Forwarded-Proto", "https"};

  // From the proxy, for a client on https: __Host- cookie, Secure, HSTS.
  HttpResult proxied = SignIn(trusted.port(), token, {https, {"X-Forwarded-For", "203.0.113.9"}});
  ASSERT_EQ(proxied.status, 303) << proxied.body;
  EXPECT_TRUE(proxied.Header("set-cookie").starts_with("__Host-soj_session="))
      << proxied.Header("set-cookie");
  EXPECT_NE(proxied.Header("set-cookie").find("; Secure"), std::string::npos);
  EXPECT_NE(proxied.Header("strict-transport-security").find("max-age="), std::string::npos);
  // The session works under that name, and only under it.
  const std::string cookie =
      proxied.Header("set-cookie").substr(0, proxied.Header("set-cookie").find(';'));
  const std::string id = cookie.substr(cookie.find('=') + 1);
  EXPECT_EQ(
      Send(trusted.port(), HttpCall{"GET", "/submit", "", {https, {"Cookie", cookie}}, ""}).status,
      200);
  EXPECT_NE(Send(trusted.port(),
                 HttpCall{"GET", "/submit", "", {https, {"Cookie", "soj_session=" + id}}, ""})
                .status,
            200);
  // The proxy says the client used plain HTTP (development): soj_session, no Secure, no HSTS.
  HttpResult plain = SignIn(trusted.port(), token, {{"X-Forwarded-Proto", "http"}});
  ASSERT_EQ(plain.status, 303);
  EXPECT_TRUE(plain.Header("set-cookie").starts_with("soj_session=")) << plain.Header("set-cookie");
  EXPECT_EQ(plain.Header("set-cookie").find("Secure"), std::string::npos);
  EXPECT_EQ(plain.Header("strict-transport-security"), "");

  // Anyone else writing the same headers is not believed.
  HttpResult forged = SignIn(untrusted.port(), other_token, {https});
  ASSERT_EQ(forged.status, 303);
  EXPECT_TRUE(forged.Header("set-cookie").starts_with("soj_session="))
      << forged.Header("set-cookie");
  EXPECT_EQ(forged.Header("set-cookie").find("Secure"), std::string::npos);
  EXPECT_EQ(forged.Header("strict-transport-security"), "");

  // Rate limits count the client the proxy names (the right-most address it did not add
  // itself), not the proxy: one client's burst does not lock out the next. A forged
  // X-Forwarded-For from an untrusted peer changes nothing.
  auto countries = [](uint16_t port, const std::string& forwarded_for) {
    return Send(port,
                HttpCall{"GET", "/api/v1/countries", "", {{"X-Forwarded-For", forwarded_for}}, ""})
        .status;
  };
  int limited = 0;
  for (int i = 0; i < 20; ++i)
    limited += countries(trusted.port(), "198.51.100.1, 203.0.113.7") == 429;
  EXPECT_GT(limited, 0) << "one client's burst was not limited";
  EXPECT_EQ(countries(trusted.port(), "198.51.100.1, 203.0.113.8"), 200)
      << "another client behind the proxy was limited with the first";
  EXPECT_EQ(countries(trusted.port(), "203.0.113.8, 10.9.0.4"), 200)
      << "a trusted hop was taken for the client";
  limited = 0;
  for (int i = 0; i < 20; ++i)
    limited += countries(untrusted.port(), "203.0.113." + std::to_string(i + 10)) == 429;
  EXPECT_GT(limited, 0) << "a forged X-Forwarded-For dodged the rate limit";
}

// A TLS server behind a proxy that terminates TLS: plain HTTP from the proxy is served when it
// says the client used https (redirecting would loop), redirected to https otherwise; plain
// HTTP from anyone else is redirected whatever it says.
TEST(HttpTls, PlainHttpFromATrustedProxyIsServedOnlyForHttpsClients) {
  TlsFiles files;
  std::vector<std::string> args = TlsArgs(files);
  args.insert(args.end(), {"--trusted-proxy", "127.0.0.1"});
  ServerProcess proxied(args);
  HttpResult https =
      Send(proxied.port(), HttpCall{"GET", "/healthz", "", {{"X-Forwarded-Proto", "https"}}, ""});
  EXPECT_EQ(https.status, 200);
  EXPECT_FALSE(https.Header("strict-transport-security").empty());
  HttpResult http =
      Send(proxied.port(), HttpCall{"GET", "/healthz", "", {{"X-Forwarded-Proto", "http"}}, ""});
  EXPECT_EQ(http.status, 308);
  EXPECT_TRUE(http.Header("location").starts_with("https://")) << http.Header("location");

  std::vector<std::string> plain_args = TlsArgs(files);
  plain_args.insert(plain_args.end(), {"--trusted-proxy", "10.9.0.0/16"});
  ServerProcess direct(plain_args);
  EXPECT_EQ(
      Send(direct.port(), HttpCall{"GET", "/healthz", "", {{"X-Forwarded-Proto", "https"}}, ""})
          .status,
      308);
}

}  // namespace
}  // namespace soj::testing
