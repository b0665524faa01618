#pragma once
// A deep-tissue-injury threshold of the Boltzmann (downward-step sigmoid) form that Linder-Ganz,
// Engelberg, Scheinowitz & Gefen 2006 (J Biomech 39:2725, pressure-time) and Gefen, van Nierop,
// Bader & Oomens 2008 (J Biomech 41:2003, strain-time) fitted to cell death in loaded muscle:
//
//     s_th(t) = s_low + (s_high - s_low) / (1 + exp((t - t_mid) / t_width)),
//
// s the load measure (a compressive stress in Pa, or a strain), t the time the load is held (s).
// A load s held for longer than its allowed time
//
//     t_allow(s) = inf                                                   for s <= s_low,
//                = max(t_min, t_mid + t_width ln((s_high - s_low)/(s - s_low) - 1))
//                                                                        for s_low < s < s_high,
//                = t_min                                                 for s >= s_high,
//
// (the inverse of the sigmoid, floored at t_min where the sigmoid gives no finite time) lies
// above the threshold. For a load that varies, exposure adds up as Miner's rule,
//
//     D(t) = int_0^t dt' / t_allow(s(t')),   unsafe when D >= 1,
//
// with no recovery in short reliefs, as Loerakker et al. 2010 (Ann Biomed Eng 38:2577) found
// brief reliefs barely reduce damage. Using Miner's rule across load levels is an assumption of
// this model, not a finding of the papers. The coefficients are fitted here to the figures in
// shared/reference/literature.md, not copied from the papers (see the registration).
namespace myo::models {

class InjuryThreshold {
 public:
  struct Params {
    double s_high = 0.0;       ///< threshold at short times (Pa or -)
    double s_low = 0.0;        ///< threshold at long times (Pa or -), < s_high
    double t_mid_s = 0.0;      ///< time of the sigmoid's midpoint (s)
    double t_width_s = 1.0;    ///< sigmoid width (s), > 0
    double t_min_s = 0.0;      ///< shortest allowed time, for loads at or above s_high (s), > 0
  };

  /// Throws std::invalid_argument naming the field unless 0 <= s_low < s_high, t_width > 0,
  /// t_min > 0 and t_mid >= 0 (all finite). `name` prefixes the messages ("dti_pressure_high").
  InjuryThreshold(const Params& p, const char* name);

  /// s_th(t), the load tolerated for a hold of t_s seconds (Pa or -).
  double threshold(double t_s) const;
  /// t_allow(s) (s); +infinity for s <= s_low.
  double allowed_time(double s) const;
  /// 1 / t_allow(s) (1/s): the Miner damage rate; 0 for s <= s_low.
  double damage_rate(double s) const;
  /// The same threshold with both load levels multiplied by `factor` > 0 (times unchanged).
  InjuryThreshold scaled(double factor) const;

  const Params& params() const { return p_; }

 private:
  Params p_;
  const char* name_;
};

}  // namespace myo::models
