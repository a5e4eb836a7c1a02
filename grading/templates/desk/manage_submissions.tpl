{%- extends 'nbgrader/manage_submissions.tpl' -%}
{#- Red School: values through desk.js (base.tpl); no advice to use a terminal the desk does not have. -#}
{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/manage_submissions.js"></script>
<script src="{{ base_url }}/formgrader/static/desk/names.js"></script>
{%- endblock head -%}
{%- block sidebar -%}
<li role="presentation" class="active"><a href="{{ base_url }}/formgrader/manage_assignments">Manage Assignments</a></li>
<li role="presentation"><a href="{{ base_url }}/formgrader/gradebook">Manual Grading</a></li>
{%- endblock -%}
{%- block messages -%}
<p>Autograde a submission with its lightning icon; an admin grades whole circles with
<code>redschool autograde UNIT --all</code>.</p>
{%- endblock -%}
{#- Red School: the unit by its title (grading/units.py), not its id. -#}
{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li><a href="{{ base_url }}/formgrader/manage_assignments">Assignments</a></li>
  <li class="active rs-unit">{{ assignment_id | unit_title }}</li>
</ol>
{%- endblock -%}
